import { db } from "@/lib/db";
import type { TEvidenceReport } from "@/lib/evidence/evidence-report";

// For the evidence report tests: what a verifier does with a report's figures, from the cited
// entries' canonical bytes (the hashed record), not from any column or copy.

/** Each figure recomputed by its countOf rule over the cited entries, by key. */
export async function recountFigures(report: TEvidenceReport, orgId: string): Promise<Record<string, number>> {
  const entries = await db().ledgerEntry.findMany({
    where: { orgId, seq: { in: report.citedSeqs.map((seq) => BigInt(seq)) } },
    select: { seq: true, canonical: true },
  });
  if (entries.length !== report.citedSeqs.length) throw new Error(`${report.citedSeqs.length - entries.length} cited entries do not exist`);
  const records = entries.map(
    (entry) => JSON.parse(Buffer.from(entry.canonical).toString("utf8")) as { action: string; outcome: { status: string } },
  );
  return Object.fromEntries(
    report.figures.map((figure) => [
      figure.key,
      records.filter(
        (record) =>
          figure.countOf.actions.includes(record.action) &&
          (!figure.countOf.outcomes || figure.countOf.outcomes.includes(record.outcome.status)),
      ).length,
    ]),
  );
}
