import "server-only";
import { rolesHolding } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import type { TAlertReader } from "./alert-actor";

/** Who may be assigned an alert: active people holding alerts.triage. */
export async function listAlertTriagers({ reader }: { reader: TAlertReader }): Promise<{ id: string; name: string }[]> {
  return db().user.findMany({
    where: { orgId: reader.orgId, disabledAt: null, roles: { hasSome: [...rolesHolding("alerts.triage")] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
