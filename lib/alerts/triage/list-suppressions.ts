import "server-only";
import { db } from "@/lib/db";
import type { TAlertReader } from "./alert-actor";
import { detectorLabel } from "./alert-vocabulary";
import { namesOfArtifacts, namesOfUsers } from "./list-alerts";

export type TSuppressionRow = {
  id: string;
  detector: string;
  detectorLabel: string;
  actorId: string | null;
  artifactId: string | null;
  artifactName: string | null;
  reason: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  state: "active" | "expired" | "revoked";
};

/** Suppressions of the organisation: active ones first (soonest to expire first), then the ended ones, newest first. */
export async function listSuppressions({ reader, now = new Date() }: { reader: TAlertReader; now?: Date }): Promise<TSuppressionRow[]> {
  const rows = await db().alertSuppression.findMany({ where: { orgId: reader.orgId }, orderBy: { createdAt: "desc" }, take: 500 });
  const [people, artifacts] = await Promise.all([
    namesOfUsers(
      reader.orgId,
      rows.flatMap((row) => [row.createdById, row.revokedById]),
    ),
    namesOfArtifacts(
      reader.orgId,
      rows.map((row) => row.artifactId),
    ),
  ]);
  const shaped = rows.map((row): TSuppressionRow => ({
    id: row.id,
    detector: row.detector,
    detectorLabel: detectorLabel(row.detector),
    actorId: row.actorId,
    artifactId: row.artifactId,
    artifactName: row.artifactId ? (artifacts.get(row.artifactId) ?? null) : null,
    reason: row.reason,
    createdBy: people.get(row.createdById) ?? row.createdById,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: row.revokedById ? (people.get(row.revokedById) ?? row.revokedById) : null,
    state: row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "active",
  }));
  const active = shaped.filter((row) => row.state === "active").sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  return [...active, ...shaped.filter((row) => row.state !== "active")];
}
