import type { TEvidenceReport, TRowFigure } from "@/lib/evidence/evidence-report";
import { parseStrictJson } from "@/lib/json/parse-strict-json";
import { decodeUtf8 } from "./bytes";
import type { TCitedEntry } from "./check-entries";
import type { CheckList } from "./check-list";
import { countTableRows, describeRowRule } from "./count-table-rows";

type TEntryFacts = { action: string | null; outcome: string | null };

function factsOf(entry: TCitedEntry): TEntryFacts {
  try {
    const record = parseStrictJson(decodeUtf8(entry.bytes)) as { action?: unknown; outcome?: { status?: unknown } };
    return {
      action: typeof record?.action === "string" ? record.action : null,
      outcome: typeof record?.outcome?.status === "string" ? record.outcome.status : null,
    };
  } catch {
    return { action: null, outcome: null };
  }
}

/** citedSeqs must be exactly the entries present (ascending, below the checkpoint size); each figure recomputed by its rule (countOf: the cited entries; rowsOf: a table's rows). */
export function checkFigures(report: TEvidenceReport, entries: TCitedEntry[], checkpointSize: number | null, list: CheckList): void {
  const cited = Array.isArray(report.citedSeqs) ? report.citedSeqs : null;
  const present = entries.map((entry) => String(entry.seq));
  const ascending = entries.every((entry, i) => i === 0 || entry.seq > entries[i - 1]!.seq);
  if (!cited || cited.length !== present.length || cited.some((seq, i) => seq !== present[i]))
    list.fail(
      "report.cited-seqs",
      `report.json cites ${cited?.length ?? 0} entries; entries.ndjson holds ${present.length}, not the same ones`,
    );
  else if (!ascending) list.fail("report.cited-seqs", "entries are not in ascending seq order, or one is listed twice");
  else if (checkpointSize !== null && entries.some((entry) => entry.seq >= checkpointSize))
    list.fail("report.cited-seqs", `an entry is beyond the checkpoint's tree (size ${checkpointSize})`);
  else list.pass("report.cited-seqs", `the ${present.length} entries cited are exactly those present`);

  if (!Array.isArray(report.figures)) {
    list.fail("report.figures", "report.json has no list of figures");
    return;
  }
  const facts = entries.map(factsOf);
  for (const figure of report.figures) {
    const rule = figure?.countOf;
    const name = `figure ${figure?.key}`;
    if (!rule && figure?.rowsOf) {
      checkRowFigure(report, figure as TRowFigure, name, list);
      continue;
    }
    if (!rule || !Array.isArray(rule.actions)) {
      list.fail(name, "the figure has no countOf rule");
      continue;
    }
    const count = facts.filter(
      (fact) =>
        fact.action !== null &&
        rule.actions.includes(fact.action) &&
        (!rule.outcomes || (fact.outcome !== null && rule.outcomes.includes(fact.outcome))),
    ).length;
    if (count === figure.value) list.pass(name, `${figure.label}: ${count}, as the cited entries show`);
    else list.fail(name, `${figure.label}: the report says ${figure.value}, the cited entries show ${count}`);
  }
}

// A figure about state: recounted from the rows of its table in report.json (the manifest vouches for the file).
function checkRowFigure(report: TEvidenceReport, figure: TRowFigure, name: string, list: CheckList): void {
  const count = countTableRows(report, figure.rowsOf);
  if (count === null) list.fail(name, `${figure.label}: report.json has no table "${String(figure.rowsOf.table)}" to recount it from`);
  else if (count === figure.value) list.pass(name, `${figure.label}: ${count}, as the ${describeRowRule(figure.rowsOf)} show`);
  else list.fail(name, `${figure.label}: the report says ${figure.value}, the ${describeRowRule(figure.rowsOf)} number ${count}`);
}
