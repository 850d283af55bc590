import "server-only";
import { readFile } from "node:fs/promises";
import PDFDocument from "pdfkit";
import type { TEvidenceKind, TEvidenceReport } from "../evidence-report";
import { describeRowRule } from "../verify/count-table-rows";
import { drawLineChart } from "./draw-line-chart";
import { drawTable } from "./draw-table";
import { fontFile, fonts, page, palette, type TPdfDocument } from "./pdf-layout";
import { pdfInstant, pdfText, seqRanges } from "./pdf-text";

export type TPdfAttachment = { name: string; bytes: Uint8Array; mimeType: string };

export const evidenceKindLabels: Record<TEvidenceKind, string> = {
  access_review: "Access review evidence",
  incident_report: "Incident report",
  chain_of_custody: "Chain of custody",
  control_health: "Control health evidence",
};

const fontBytes = new Map<string, Buffer>();

/**
 * The report as an auditor reads it on paper: A4, a title page (scope, effective period, the signed
 * checkpoint it stands on, when and by whom it was generated), a contents page with page numbers,
 * the figures with the rule each follows, every section with its tables (wrapped, headers repeated
 * on every page), the cited ledger entries, and "Page n of m" on every page. Fonts are embedded;
 * report.json is attached (AFRelationship Data) with any other attachments, as PDF/A-3b wants.
 * When an attachment named report.json is passed, its bytes are the ones embedded.
 */
export async function renderReportPdf(
  report: TEvidenceReport,
  { attachments = [] }: { attachments?: TPdfAttachment[] } = {},
): Promise<Uint8Array> {
  const generatedAt = new Date(report.generatedAt);
  const doc: TPdfDocument = new PDFDocument({
    size: page.size,
    margins: page.margins,
    bufferPages: true,
    autoFirstPage: false,
    pdfVersion: "1.7",
    subset: "PDF/A-3b",
    lang: "en-GB",
    displayTitle: true,
    // No default font: pdfkit's is Helvetica, which it cannot embed (PDF/A); ours are registered below.
    font: null as unknown as string,
    info: {
      Title: pdfText(report.title),
      Author: pdfText(report.generatedBy.name),
      Subject: `${evidenceKindLabels[report.kind]}: ${pdfText(report.scope.label)}`,
      Keywords: `custody evidence ${report.kind} checkpoint ${report.effective.checkpointSize}`,
      Creator: "Custody",
      CreationDate: generatedAt,
    },
  });
  for (const name of Object.values(fonts)) {
    if (!fontBytes.has(name)) fontBytes.set(name, await readFile(fontFile(name)));
    doc.registerFont(name, fontBytes.get(name)!);
  }
  const chunks: Buffer[] = [];
  const finished = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });

  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc.addPage();
  drawTitlePage(doc, report, width());
  doc.addPage();
  const contentsPage = doc.bufferedPageRange().count - 1;

  const entries: { title: string; page: number; level: number }[] = [];
  const startSection = (title: string) => {
    doc.addPage();
    entries.push({ title, page: doc.bufferedPageRange().count, level: 0 });
    doc.outline.addItem(title);
    doc.font(fonts.bold).fontSize(15).fillColor(palette.accent).text(pdfText(title), { width: width() });
    doc.moveDown(0.5);
  };

  startSection("Figures");
  const byRows = report.figures.some((figure) => figure.rowsOf);
  paragraph(
    doc,
    byRows
      ? "Every number below is recomputed by the rule beside it: a count of the ledger entries this report cites, or, for what no entry records (a status, a grant still held), a count of the rows of one of its tables. A verifier recomputes each one from the bundle."
      : "Every number below counts ledger entries cited by this report. The rule beside it says which: a verifier recomputes each one from the entries in the bundle.",
    width(),
  );
  drawTable(
    doc,
    {
      name: "figures",
      title: byRows ? "Figures and what they count" : "Figures and the entries they count",
      columns: [
        { key: "label", label: "Figure" },
        { key: "value", label: "Value" },
        { key: "rule", label: byRows ? "Counts" : "Counts the cited entries with" },
      ],
      rows: report.figures.map((figure) => ({
        label: figure.label,
        value: figure.value,
        rule: figure.countOf
          ? `${byRows ? "cited entries with " : ""}action ${figure.countOf.actions.join(" or ")}${figure.countOf.outcomes ? `, outcome ${figure.countOf.outcomes.join(" or ")}` : ""}`
          : describeRowRule(figure.rowsOf),
      })),
    },
    { bottom: bottom() },
  );

  const tables = new Map(report.tables.map((table) => [table.name, table]));
  for (const section of report.sections) {
    startSection(section.title);
    for (const text of section.paragraphs) paragraph(doc, text, width());
    const chartTable = section.chart ? tables.get(section.chart.table) : undefined;
    if (section.chart && chartTable) drawLineChart(doc, section.chart, chartTable, bottom());
    for (const name of section.tables) {
      const table = tables.get(name);
      if (!table) continue;
      entries.push({ title: table.title, page: doc.bufferedPageRange().count, level: 1 });
      drawTable(doc, table, { bottom: bottom() });
    }
  }

  startSection("Cited ledger entries");
  paragraph(
    doc,
    `This report cites ${report.citedSeqs.length.toLocaleString("en-GB")} ledger entries, each below the checkpoint of size ${report.effective.checkpointSize} it stands on. The evidence bundle holds each entry's canonical bytes and its inclusion proof. By seq:`,
    width(),
  );
  doc
    .font(fonts.mono)
    .fontSize(7.5)
    .fillColor(palette.ink)
    .text(seqRanges(report.citedSeqs) || "none", { width: width(), lineGap: 1 });

  drawContents(doc, contentsPage, entries, width());
  drawFooters(doc, report);

  for (const attachment of withReportJson(report, attachments)) {
    // pdfkit 0.20 takes `relationship` (AFRelationship); @types/pdfkit 0.17 does not know it yet.
    const options: NonNullable<Parameters<TPdfDocument["file"]>[1]> & { relationship: "Data" | "Supplement" } = {
      name: attachment.name,
      type: attachment.mimeType,
      relationship:
        attachment.name === "report.json" || attachment.mimeType.includes("json") || attachment.mimeType.includes("csv")
          ? "Data"
          : "Supplement",
      description: attachment.name === "report.json" ? "The report, machine-readable (Custody evidence report, format 1)" : attachment.name,
      creationDate: generatedAt,
      modifiedDate: generatedAt,
    };
    doc.file(Buffer.from(attachment.bytes.buffer, attachment.bytes.byteOffset, attachment.bytes.byteLength), options);
  }
  doc.end();
  return finished;
}

function withReportJson(report: TEvidenceReport, attachments: TPdfAttachment[]): TPdfAttachment[] {
  if (attachments.some((attachment) => attachment.name === "report.json")) return attachments;
  const bytes = new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`);
  return [{ name: "report.json", bytes, mimeType: "application/json" }, ...attachments];
}

function paragraph(doc: TPdfDocument, text: string, width: number): void {
  doc.font(fonts.regular).fontSize(9.5).fillColor(palette.ink).text(pdfText(text), doc.page.margins.left, doc.y, { width, lineGap: 2 });
  doc.moveDown(0.6);
}

function drawTitlePage(doc: TPdfDocument, report: TEvidenceReport, width: number): void {
  const left = doc.page.margins.left;
  doc.y = 110;
  doc
    .font(fonts.bold)
    .fontSize(9)
    .fillColor(palette.muted)
    .text("CUSTODY · EVIDENCE REPORT", left, doc.y, { width, characterSpacing: 1.5 });
  doc.moveDown(0.8);
  doc.font(fonts.bold).fontSize(22).fillColor(palette.ink).text(pdfText(report.title), { width, lineGap: 2 });
  doc.moveDown(0.3);
  doc.font(fonts.regular).fontSize(12).fillColor(palette.accent).text(evidenceKindLabels[report.kind], { width });
  doc.moveDown(1.2);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.8)
    .strokeColor(palette.rule)
    .stroke();
  doc.moveDown(1);

  const facts: [string, string, boolean?][] = [
    ["Scope", pdfText(report.scope.label)],
    ["Effective period", `${pdfInstant(report.period.from)}  —  ${pdfInstant(report.period.to)}`],
    [
      "Stands on checkpoint",
      `size ${report.effective.checkpointSize} (ledger entries 0 to ${BigInt(report.effective.checkpointSize) - 1n})`,
    ],
    ["Root hash", pdfText(report.effective.rootHash), true],
    ["Checkpoint signed", pdfInstant(report.effective.checkpointCreatedAt)],
    ["Generated", pdfInstant(report.generatedAt)],
    ["Generated by", `${pdfText(report.generatedBy.name)} (${pdfText(report.generatedBy.id)})`],
    ["Cited ledger entries", report.citedSeqs.length.toLocaleString("en-GB")],
  ];
  for (const [label, value, mono] of facts) {
    const y = doc.y;
    doc.font(fonts.regular).fontSize(9).fillColor(palette.muted).text(label, left, y, { width: 130 });
    doc
      .font(mono ? fonts.mono : fonts.regular)
      .fontSize(mono ? 8.5 : 10)
      .fillColor(palette.ink)
      .text(value, left + 140, y, { width: width - 140 });
    doc.y = Math.max(doc.y, y + 14) + 5;
  }
  doc.moveDown(1);
  if (report.summary.length) {
    doc.font(fonts.bold).fontSize(11).fillColor(palette.ink).text("Summary", left, doc.y, { width });
    doc.moveDown(0.4);
    for (const line of report.summary) {
      doc
        .font(fonts.regular)
        .fontSize(9.5)
        .fillColor(palette.ink)
        .text(`•  ${pdfText(line)}`, left, doc.y, { width, lineGap: 2, indent: 0 });
      doc.moveDown(0.3);
    }
  }
  doc
    .font(fonts.regular)
    .fontSize(8)
    .fillColor(palette.muted)
    .text(
      "The effective period is what the report speaks for; it stands on the signed ledger checkpoint above, so it cites only entries below that size, whenever it was generated. " +
        "report.json (the same content, machine-readable) is attached to this PDF. In the evidence bundle every cited entry comes with its inclusion proof; `custody verify-bundle` checks them offline.",
      left,
      doc.page.height - doc.page.margins.bottom - 60,
      { width, lineGap: 1.5 },
    );
}

function drawContents(
  doc: TPdfDocument,
  pageIndex: number,
  entries: { title: string; page: number; level: number }[],
  width: number,
): void {
  doc.switchToPage(pageIndex);
  const left = doc.page.margins.left;
  const bottom = doc.page.height - doc.page.margins.bottom;
  doc.y = doc.page.margins.top;
  doc.font(fonts.bold).fontSize(15).fillColor(palette.accent).text("Contents", left, doc.y, { width });
  doc.moveDown(0.8);
  // One page holds about 55 lines; beyond that the tables are left out (the sections remain).
  const shown = entries.length > 55 ? entries.filter((entry) => entry.level === 0) : entries;
  for (const entry of shown) {
    if (doc.y > bottom - 14) break;
    const indent = entry.level * 16;
    const size = entry.level === 0 ? 10 : 9;
    const y = doc.y;
    doc
      .font(entry.level === 0 ? fonts.bold : fonts.regular)
      .fontSize(size)
      .fillColor(entry.level === 0 ? palette.ink : palette.muted);
    const number = String(entry.page);
    const title = pdfText(entry.title);
    doc.text(title, left + indent, y, { width: width - indent - 50, lineBreak: false, ellipsis: true });
    doc.text(number, left, y, { width, align: "right", lineBreak: false });
    doc.y = y + size + 7;
  }
}

function drawFooters(doc: TPdfDocument, report: TEvidenceReport): void {
  const range = doc.bufferedPageRange();
  const label = `${evidenceKindLabels[report.kind]} · checkpoint ${report.effective.checkpointSize}`;
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const left = doc.page.margins.left;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const y = doc.page.height - doc.page.margins.bottom + 24;
    // The footer sits in the bottom margin: lifted for the moment, or pdfkit would start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .moveTo(left, y - 6)
      .lineTo(left + width, y - 6)
      .lineWidth(0.4)
      .strokeColor(palette.rule)
      .stroke();
    doc.font(fonts.regular).fontSize(7.5).fillColor(palette.muted);
    doc.text(label, left, y, { width: width - 90, lineBreak: false, ellipsis: true });
    doc.text(`Page ${index + 1} of ${range.count}`, left, y, { width, align: "right", lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
