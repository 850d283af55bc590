import "server-only";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { isPlatformRole } from "@/lib/authz/roles";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { loadRoleMap, rolesForGroups } from "./role-map";

export type TSignInProfile = { subject: string; email: string; name: string; groups: string[] };

function kindForGroups(groups: string[]): "employee" | "contractor" | "partner" {
  const { CUSTODY_CONTRACTOR_GROUPS: contractorGroups, CUSTODY_PARTNER_GROUPS: partnerGroups } = serverEnv();
  if (groups.some((group) => partnerGroups.includes(group))) return "partner";
  if (groups.some((group) => contractorGroups.includes(group))) return "contractor";
  return "employee";
}

/**
 * Upserts the user from the IdP's claims, resolves their roles from the role map, and opens a
 * server-side session that expires after the configured maximum (8 h at most). The sign-in is
 * recorded in the ledger in the same transaction.
 */
export async function recordSignIn(profile: TSignInProfile): Promise<{ sessionId: string; roles: string[] }> {
  const env = serverEnv();
  const roles = rolesForGroups(profile.groups, loadRoleMap());
  const now = new Date();
  return db().$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { subject: profile.subject },
      create: {
        orgId: env.CUSTODY_ORG_ID,
        subject: profile.subject,
        email: profile.email,
        name: profile.name,
        kind: kindForGroups(profile.groups),
        idpGroups: profile.groups,
        roles,
        lastSignInAt: now,
      },
      update: { email: profile.email, name: profile.name, idpGroups: profile.groups, roles, lastSignInAt: now },
    });
    if (user.disabledAt) throw new Error(`user ${profile.subject} is disabled in Custody`);
    const session = await tx.authSession.create({
      data: { userId: user.id, expiresAt: new Date(now.getTime() + env.CUSTODY_SESSION_MAX_AGE * 1000) },
    });
    await recordInternalEvent(tx, {
      orgId: user.orgId,
      action: "auth.sign_in",
      actor: { id: user.id, type: "user", display: user.name },
      details: {
        sessionId: session.id,
        subject: user.subject,
        groups: profile.groups,
        roles,
        sessionExpiresAt: session.expiresAt.toISOString(),
      },
    });
    return { sessionId: session.id, roles: user.roles.filter(isPlatformRole) };
  });
}
