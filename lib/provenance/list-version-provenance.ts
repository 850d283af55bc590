import "server-only";
import { z } from "zod";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { findVersion } from "./find-version";
import type { TProvenanceActor } from "./provenance-actor";
import type { TProvenanceKind } from "./verification-result";

export const ZProvenanceListQuery = z.object({ documents: z.enum(["0", "1"]).optional() });

/** A version's signatures or attestations with their verdicts, newest first (the documents by SHA-256; `document` on request). */
export async function listVersionProvenance({
  actor,
  artifactId,
  version,
  kind,
  includeDocuments = false,
}: {
  actor: TProvenanceActor;
  artifactId: string;
  version: number;
  kind: TProvenanceKind;
  includeDocuments?: boolean;
}) {
  if (actor.kind === "person") assertCapability(actor.principal, "artifacts.view");
  const found = await findVersion(db(), actor, artifactId, version);
  const rows = await db().versionProvenance.findMany({
    where: { versionId: found.version.id, kind },
    orderBy: { createdAt: "desc" },
    take: 200,
    omit: includeDocuments ? { orgId: true, versionId: true } : { orgId: true, versionId: true, document: true },
  });
  return {
    artifactId: found.artifact.id,
    artifact: found.artifact.name,
    version: found.version.version,
    digest: found.version.digest,
    signed: found.version.signed,
    items: rows.map(({ ledgerSeq, createdAt, ...row }) => ({
      ...row,
      ledgerSeq: ledgerSeq.toString(),
      createdAt: createdAt.toISOString(),
    })),
  };
}
