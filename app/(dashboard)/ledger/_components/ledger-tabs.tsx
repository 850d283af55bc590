import { ViewTabs } from "@/components/ui/view-tabs";
import { canUseRoute, type TRoute } from "@/lib/authz/routes";

export type TLedgerTab = "integrity" | "search";

const tabs: { key: TLedgerTab; label: string; href: string; route: TRoute }[] = [
  { key: "integrity", label: "Integrity", href: "/ledger", route: "/ledger" },
  { key: "search", label: "Search", href: "/ledger/search", route: "/ledger/search" },
];

/** The Ledger area's views. A tab appears only if the reader may open it. */
export function LedgerTabs({ current, roles }: { current: TLedgerTab; roles: readonly string[] }) {
  return <ViewTabs label="Ledger views" tabs={tabs.filter((tab) => canUseRoute(roles, tab.route))} current={current} />;
}
