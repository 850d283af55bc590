import { db } from "@/lib/db";
import type { TEvidenceReport } from "@/lib/evidence/evidence-report";
import { countTableRows } from "@/lib/evidence/verify/count-table-rows";

// For the evidence report tests: what a verifier does with a report's figures, from the cited
// entries' canonical bytes (the hashed record), not from any column or copy.

/** Each figure recomputed by its rule (countOf over the cited entries' bytes, rowsOf over the report's table), by key. */
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
    report.figures.map((figure) => {
      const rule = figure.countOf;
      if (!rule) return [figure.key, countTableRows(report, figure.rowsOf) ?? -1];
      return [
        figure.key,
        records.filter(
          (record) => rule.actions.includes(record.action) && (!rule.outcomes || rule.outcomes.includes(record.outcome.status)),
        ).length,
      ];
    }),
  );
}
