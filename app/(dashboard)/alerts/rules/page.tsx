import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { listAlertRules } from "@/lib/alerts/rules/list-alert-rules";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { RuleCard } from "./_components/rule-card";

export const metadata: Metadata = { title: "Alert rules" };

export default async function AlertRulesPage() {
  const principal = await requirePageAccess("/alerts/rules");
  const rules = await listAlertRules(principal);
  return (
    <>
      <PageHeader
        title="Alert rules"
        description="The ten detectors that watch the ledger as it grows. Each judges every new entry against Custody's own record (grants, accounts, tokens, registered versions) within seconds; repeats of one key within the dedup window raise a count, not new alerts. Every change is a ledger event."
      />
      <div className="space-y-4">
        {rules.map((rule) => (
          <RuleCard key={rule.detector} rule={rule} />
        ))}
      </div>
    </>
  );
}
