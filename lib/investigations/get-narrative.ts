import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { findInvestigation } from "./find-investigation";
import type { TPersonRef } from "./investigation-vocabulary";

export type TNarrativeRevisionSummary = { revision: number; by: TPersonRef; at: string; length: number; sha256: string; ledgerSeq: string };

export type TNarrative = {
  /** The revision shown: the latest unless another was asked for; 0 and "" before the first save. */
  revision: number;
  latestRevision: number;
  body: string;
  revisions: TNarrativeRevisionSummary[];
};

/** The narrative (latest, or an older revision) and the list of every revision: who, when. */
export async function getNarrative({
  principal,
  investigationId,
  revision,
}: {
  principal: TPrincipal;
  investigationId: string;
  revision?: number;
}): Promise<TNarrative> {
  const investigation = await findInvestigation({ principal, investigationId });
  const [state, revisions] = await Promise.all([
    db().investigation.findUniqueOrThrow({ where: { id: investigation.id }, select: { narrativeRevision: true } }),
    db().investigationNarrativeRevision.findMany({
      where: { investigationId: investigation.id },
      orderBy: { revision: "desc" },
      select: {
        revision: true,
        bodySha256: true,
        createdAt: true,
        ledgerSeq: true,
        body: true,
        author: { select: { id: true, name: true } },
      },
    }),
  ]);
  const wanted = revision ?? state.narrativeRevision;
  const shown = revisions.find((row) => row.revision === wanted);
  if (wanted !== 0 && !shown)
    throw new AppError("NOT_FOUND", `The narrative has no revision ${wanted}; it has revisions 1 to ${state.narrativeRevision}.`);
  return {
    revision: wanted,
    latestRevision: state.narrativeRevision,
    body: shown?.body ?? "",
    revisions: revisions.map((row) => ({
      revision: row.revision,
      by: row.author,
      at: row.createdAt.toISOString(),
      length: row.body.length,
      sha256: row.bodySha256,
      ledgerSeq: row.ledgerSeq.toString(),
    })),
  };
}
