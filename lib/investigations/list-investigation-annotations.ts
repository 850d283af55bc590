import "server-only";
import { db } from "@/lib/db";
import { findInvestigation, type TInvestigationRequest } from "./find-investigation";
import { suggestedTags, type TPersonRef } from "./investigation-vocabulary";

export type TStarAnnotation = { seq: string; by: TPersonRef; at: string; ledgerSeq: string };
export type TTagAnnotation = { seq: string; tag: string; by: TPersonRef; at: string; ledgerSeq: string };
export type TCommentAnnotation = { id: string; seq: string; body: string; by: TPersonRef; at: string; ledgerSeq: string };

export type TInvestigationAnnotations = {
  stars: TStarAnnotation[];
  tags: TTagAnnotation[];
  comments: TCommentAnnotation[];
  /** Tags to offer: this case's, then the organisation's most used, then common ones. */
  tagSuggestions: string[];
};

const person = { select: { id: true, name: true } } as const;

/**
 * Every star, tag and comment of an investigation, each with who made it, when, and the ledger
 * entry that records it. (The investigation's own data, not the ledger's events: reading it is
 * not a ledger read.)
 */
export async function listInvestigationAnnotations({
  principal,
  investigationId,
}: TInvestigationRequest): Promise<TInvestigationAnnotations> {
  const investigation = await findInvestigation({ principal, investigationId });
  const where = { investigationId: investigation.id };
  const [stars, tags, comments, popular] = await Promise.all([
    db().investigationStar.findMany({ where, orderBy: { starredAt: "asc" }, include: { user: person } }),
    db().investigationTag.findMany({ where, orderBy: { addedAt: "asc" }, include: { addedBy: person } }),
    db().investigationComment.findMany({ where, orderBy: { createdAt: "asc" }, include: { author: person } }),
    db().$queryRaw<{ tag: string }[]>`
      SELECT t.tag FROM "InvestigationTag" t JOIN "Investigation" i ON i.id = t."investigationId"
      WHERE i."orgId" = ${investigation.orgId} GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT 30`,
  ]);
  const own = [...new Set(tags.map((tag) => tag.tag))].sort();
  return {
    stars: stars.map((star) => ({
      seq: star.seq.toString(),
      by: star.user,
      at: star.starredAt.toISOString(),
      ledgerSeq: star.ledgerSeq.toString(),
    })),
    tags: tags.map((tag) => ({
      seq: tag.seq.toString(),
      tag: tag.tag,
      by: tag.addedBy,
      at: tag.addedAt.toISOString(),
      ledgerSeq: tag.ledgerSeq.toString(),
    })),
    comments: comments.map((comment) => ({
      id: comment.id,
      seq: comment.seq.toString(),
      body: comment.body,
      by: comment.author,
      at: comment.createdAt.toISOString(),
      ledgerSeq: comment.ledgerSeq.toString(),
    })),
    tagSuggestions: [...new Set([...own, ...popular.map((row) => row.tag), ...suggestedTags])],
  };
}
