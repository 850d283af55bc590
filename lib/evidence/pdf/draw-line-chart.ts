import type { TEvidenceSection, TEvidenceTable } from "../evidence-report";
import { fonts, palette, type TPdfDocument } from "./pdf-layout";
import { pdfText } from "./pdf-text";

const height = 150;
const axisWidth = 28;

/**
 * A section's chart, drawn as vectors: column `y` of the table against column `x` (in row order),
 * 0 to `max` on the vertical axis with gridlines at quarters, the first and last `x` labelled;
 * a row without a number breaks the line (a day without data is not drawn as zero).
 */
export function drawLineChart(
  doc: TPdfDocument,
  chart: NonNullable<TEvidenceSection["chart"]>,
  table: TEvidenceTable,
  bottom: number,
): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  if (doc.y + height + 40 > bottom) doc.addPage();
  doc.font(fonts.bold).fontSize(9.5).fillColor(palette.ink).text(pdfText(chart.label), left, doc.y, { width });
  doc.moveDown(0.3);
  const top = doc.y;
  const plotLeft = left + axisWidth;
  const plotWidth = width - axisWidth;
  const yOf = (value: number) => top + height - (Math.max(0, Math.min(chart.max, value)) / chart.max) * height;
  doc.font(fonts.regular).fontSize(7).fillColor(palette.muted);
  for (const step of [0, 0.25, 0.5, 0.75, 1]) {
    const y = yOf(step * chart.max);
    doc
      .moveTo(plotLeft, y)
      .lineTo(plotLeft + plotWidth, y)
      .lineWidth(0.4)
      .strokeColor(palette.rule)
      .stroke();
    doc.text(String(Math.round(step * chart.max)), left, y - 3.5, { width: axisWidth - 4, align: "right", lineBreak: false });
  }
  const rows = table.rows;
  const xOf = (index: number) => plotLeft + (rows.length <= 1 ? plotWidth / 2 : (index / (rows.length - 1)) * plotWidth);
  let drawing = false;
  rows.forEach((row, index) => {
    const value = row[chart.y];
    if (typeof value !== "number") {
      drawing = false;
      return;
    }
    if (drawing) doc.lineTo(xOf(index), yOf(value));
    else doc.moveTo(xOf(index), yOf(value));
    drawing = true;
  });
  doc.lineWidth(1.4).strokeColor(palette.accent).stroke();
  rows.forEach((row, index) => {
    const value = row[chart.y];
    const isolated =
      typeof value === "number" && typeof rows[index - 1]?.[chart.y] !== "number" && typeof rows[index + 1]?.[chart.y] !== "number";
    if (isolated) doc.circle(xOf(index), yOf(value), 1.6).fillColor(palette.accent).fill();
  });
  const first = rows[0]?.[chart.x];
  const last = rows.at(-1)?.[chart.x];
  doc.font(fonts.regular).fontSize(7).fillColor(palette.muted);
  if (first !== undefined) doc.text(pdfText(String(first)), plotLeft, top + height + 4, { width: 80, lineBreak: false });
  if (last !== undefined && rows.length > 1)
    doc.text(pdfText(String(last)), plotLeft + plotWidth - 80, top + height + 4, { width: 80, align: "right", lineBreak: false });
  doc.x = left;
  doc.y = top + height + 20;
}
