import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";

/** The detectors the organisation has rules for, to suggest in a destination's filter. */
export async function listDetectorKeys({ principal }: { principal: TPrincipal }): Promise<string[]> {
  assertCapability(principal, "alerts.forwarding.manage");
  const rules = await db().alertRule.findMany({
    where: { orgId: principal.orgId },
    select: { detector: true },
    orderBy: { detector: "asc" },
  });
  return rules.map((rule) => rule.detector);
}
