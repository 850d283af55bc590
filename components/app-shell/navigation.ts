import { canUseRoute, type TRoute } from "@/lib/authz/routes";

export type TNavItem = {
  href: string;
  label: string;
  route: TRoute;
  icon:
    | "overview"
    | "artifacts"
    | "environments"
    | "access"
    | "users"
    | "service-accounts"
    | "signer-policy"
    | "ledger"
    | "investigations"
    | "reviews"
    | "alerts"
    | "evidence"
    | "alert-rules"
    | "forwarding"
    | "controls"
    | "connectors";
};

// A navigation item appears only for people whose roles let them use its page.
const items: TNavItem[] = [
  { href: "/", label: "Overview", route: "/", icon: "overview" },
  { href: "/artifacts", label: "Artifacts", route: "/artifacts", icon: "artifacts" },
  { href: "/environments", label: "Environments", route: "/environments", icon: "environments" },
  { href: "/access", label: "Access", route: "/access", icon: "access" },
  { href: "/controls", label: "Controls", route: "/controls", icon: "controls" },
  { href: "/reviews", label: "Reviews", route: "/reviews", icon: "reviews" },
  { href: "/alerts", label: "Alerts", route: "/alerts", icon: "alerts" },
  { href: "/investigations", label: "Investigations", route: "/investigations", icon: "investigations" },
  { href: "/evidence", label: "Evidence", route: "/evidence", icon: "evidence" },
  { href: "/ledger", label: "Ledger integrity", route: "/ledger", icon: "ledger" },
  { href: "/admin/users", label: "Users & roles", route: "/admin/users", icon: "users" },
  { href: "/admin/service-accounts", label: "Service accounts", route: "/admin/service-accounts", icon: "service-accounts" },
  { href: "/admin/signer-policy", label: "Signer policy", route: "/admin/signer-policy", icon: "signer-policy" },
  { href: "/alerts/rules", label: "Alert rules", route: "/alerts/rules", icon: "alert-rules" },
  { href: "/admin/forwarding", label: "Forwarding", route: "/admin/forwarding", icon: "forwarding" },
  { href: "/admin/connectors", label: "Connectors", route: "/admin/connectors", icon: "connectors" },
];

export function navigationFor(roles: readonly string[]): TNavItem[] {
  return items.filter((item) => canUseRoute(roles, item.route));
}
