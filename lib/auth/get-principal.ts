import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { isPlatformRole } from "@/lib/authz/roles";
import { authOptions } from "./options";
import type { TPrincipal } from "./principal";

/**
 * The signed-in person for this request, or null. The session row decides: an ended or expired
 * session is no session, whatever the cookie says. Cached per request.
 */
export const getPrincipal = cache(async (): Promise<TPrincipal | null> => {
  await headers(); // per-request: never prerendered at build time
  const session = (await getServerSession(authOptions())) as { sid?: string } | null;
  if (!session?.sid) return null;
  const row = await db().authSession.findUnique({ where: { id: session.sid }, include: { user: true } });
  if (!row || row.endedAt || row.expiresAt <= new Date() || row.user.disabledAt) return null;
  return {
    userId: row.user.id,
    orgId: row.user.orgId,
    name: row.user.name,
    email: row.user.email,
    kind: row.user.kind,
    roles: row.user.roles.filter(isPlatformRole),
    sessionId: row.id,
  };
});
