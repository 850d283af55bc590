import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseEnv, ZRoleMapEnv } from "@/lib/env";
import { isPlatformRole, platformRoles, type TPlatformRole } from "@/lib/authz/roles";

// Maps IdP group names to platform roles. Configured by CUSTODY_ROLE_MAP (JSON) or
// CUSTODY_ROLE_MAP_FILE (path to a JSON file); the default fits the local demo IdP.
export const defaultRoleMap: Record<string, TPlatformRole[]> = {
  "custody-admins": ["admin"],
  "custody-compliance": ["compliance_officer"],
  "custody-incident-response": ["incident_responder"],
  "custody-managers": ["manager"],
  "custody-auditors": ["auditor"],
  "ml-engineers": ["engineer"],
};

export const ZRoleMap = z.record(
  z.string().min(1),
  z.array(z.string().refine(isPlatformRole, { message: `a role: one of ${platformRoles.join(", ")}` })).min(1),
);

export function parseRoleMap(json: string, variable: string): Record<string, TPlatformRole[]> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`${variable} is not valid JSON; expected {"<idp group>": ["admin" | "compliance_officer" | …]}`);
  }
  const parsed = ZRoleMap.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`${variable} is not a valid role map (${issues}); expected {"<idp group>": ["admin", …]}`);
  }
  return parsed.data as Record<string, TPlatformRole[]>;
}

export function loadRoleMap(env: Record<string, string | undefined> = process.env): Record<string, TPlatformRole[]> {
  const { CUSTODY_ROLE_MAP: json, CUSTODY_ROLE_MAP_FILE: file } = parseEnv(ZRoleMapEnv, env);
  if (json) return parseRoleMap(json, "CUSTODY_ROLE_MAP");
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new Error(`CUSTODY_ROLE_MAP_FILE names ${file}, which cannot be read; expected a path to a JSON role map`);
    }
    return parseRoleMap(text, "CUSTODY_ROLE_MAP_FILE");
  }
  return defaultRoleMap;
}

/** The platform roles a set of IdP groups grants, in the canonical order. */
export function rolesForGroups(groups: readonly string[], roleMap: Record<string, readonly TPlatformRole[]>): TPlatformRole[] {
  const granted = new Set(groups.flatMap((group) => roleMap[group] ?? []));
  return platformRoles.filter((role) => granted.has(role));
}
