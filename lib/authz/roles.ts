// Platform roles decide what a person may do inside Custody (DESIGN.md §3). They come from the
// IdP's groups through the role map (lib/auth/role-map.ts).
export const platformRoles = ["admin", "compliance_officer", "incident_responder", "manager", "auditor", "engineer"] as const;

export type TPlatformRole = (typeof platformRoles)[number];

export const roleLabels: Record<TPlatformRole, string> = {
  admin: "Administrator",
  compliance_officer: "Compliance officer",
  incident_responder: "Incident responder",
  manager: "Manager",
  auditor: "Auditor",
  engineer: "Engineer",
};

export function isPlatformRole(value: string): value is TPlatformRole {
  return (platformRoles as readonly string[]).includes(value);
}
