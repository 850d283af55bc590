import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { extractEventReferences } from "./event-references";
import { lockInvestigationForEdit, type TInvestigationChange } from "./find-investigation";
import { investigationLabel, investigationLimits } from "./investigation-vocabulary";
import { parseInput } from "@/lib/input/parse-input";
import { recordInvestigationChange } from "./record-investigation-change";

export const ZSaveNarrativeInput = z.object({
  body: z
    .string()
    .max(
      investigationLimits.narrativeLength,
      `Keep the narrative under ${investigationLimits.narrativeLength.toLocaleString("en")} characters.`,
    ),
  /** The revision the writer started from: a save over someone else's newer one is refused. */
  baseRevision: z.number({ error: "baseRevision: the revision you started from" }).int().min(0),
});

export type TSavedNarrative = {
  revision: number;
  sha256: string;
  references: string[];
  /** Referenced seqs that are not events of this investigation (saved anyway; the preview marks them). */
  unknownReferences: string[];
};

/**
 * Saves the narrative as a new revision (every revision is kept, with its author and time). The
 * ledger entry holds the text's SHA-256 and the events it references, so any revision can be
 * shown to be the one saved then.
 */
export async function saveNarrative({ principal, investigationId, input }: TInvestigationChange): Promise<TSavedNarrative> {
  const { body, baseRevision } = parseInput(ZSaveNarrativeInput, input, "The narrative was not saved");
  const references = extractEventReferences(body);
  return db().$transaction(async (tx) => {
    const investigation = await lockInvestigationForEdit(tx, { principal, investigationId });
    const current = await tx.investigation.findUniqueOrThrow({ where: { id: investigation.id }, select: { narrativeRevision: true } });
    if (current.narrativeRevision !== baseRevision) {
      const latest = await tx.investigationNarrativeRevision.findUnique({
        where: { investigationId_revision: { investigationId: investigation.id, revision: current.narrativeRevision } },
        include: { author: { select: { name: true } } },
      });
      throw new AppError(
        "CONFLICT",
        `${latest?.author.name ?? "Someone"} saved revision ${current.narrativeRevision} of the narrative${latest ? ` at ${latest.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""} while you were writing (you started from revision ${baseRevision}). Copy your text, reload the page, and merge it into theirs: nothing was saved.`,
        { extra: { currentRevision: current.narrativeRevision } },
      );
    }
    const previous = baseRevision
      ? await tx.investigationNarrativeRevision.findUnique({
          where: { investigationId_revision: { investigationId: investigation.id, revision: baseRevision } },
          select: { body: true },
        })
      : null;
    if ((previous?.body ?? "") === body)
      throw new AppError(
        "CONFLICT",
        `The narrative of ${investigationLabel(investigation.number)} already says exactly this: nothing to save.`,
      );
    const inCase = references.length
      ? await tx.investigationEvent.findMany({
          where: { investigationId: investigation.id, seq: { in: references.map((seq) => BigInt(seq)) } },
          select: { seq: true },
        })
      : [];
    const known = new Set(inCase.map((row) => row.seq.toString()));
    const sha256 = createHash("sha256").update(body, "utf8").digest("hex");
    const revision = baseRevision + 1;
    const ledgerSeq = await recordInvestigationChange(tx, {
      principal,
      investigation,
      action: "narrative_save",
      details: { revision, sha256, length: body.length, references },
    });
    await tx.investigationNarrativeRevision.create({
      data: { investigationId: investigation.id, revision, body, bodySha256: sha256, authorId: principal.userId, ledgerSeq },
    });
    await tx.investigation.update({ where: { id: investigation.id }, data: { narrativeRevision: revision } });
    return { revision, sha256, references, unknownReferences: references.filter((seq) => !known.has(seq)) };
  });
}
