import type { TEvidenceTable } from "../evidence-report";
import { pdfCellText } from "./pdf-text";
import { fonts, palette, type TPdfDocument } from "./pdf-layout";

const padX = 3;
const padY = 2.5;
const sampleRows = 300;
const maxColumnWidth = 210;
const maxWordWidth = 115;

type TLayout = { widths: number[]; fontSize: number };

/** Column widths from the content: each column wants its widest cell (sampled, capped); a table wider than the page shrinks the wide ones first. */
function layoutColumns(doc: TPdfDocument, table: TEvidenceTable, available: number): TLayout {
  const fontSize = table.columns.length > 7 ? 6.8 : table.columns.length > 5 ? 7.5 : 8.5;
  const rows = table.rows.slice(0, sampleRows);
  const natural: number[] = [];
  const wordMinimum: number[] = [];
  const headerMinimum: number[] = [];
  for (const column of table.columns) {
    doc.font(fonts.bold).fontSize(fontSize);
    const headerWords = column.label.split(/\s+/);
    const headerWord = Math.max(...headerWords.map((word) => doc.widthOfString(word)));
    let widest = doc.widthOfString(column.label);
    // The longest word of the column: narrower than that, identifiers and actions break mid-word.
    let longestWord = headerWord;
    doc.font(fonts.regular).fontSize(fontSize);
    for (const row of rows) {
      const text = pdfCellText(row[column.key]);
      if (text.length > 300) {
        widest = maxColumnWidth;
        continue;
      }
      for (const line of text.split("\n")) widest = Math.max(widest, doc.widthOfString(line));
      for (const word of text.split(/\s+/)) {
        // No glyph is wider than 1 em: a word that short cannot be the longest, and is not measured.
        if (word.length * fontSize > longestWord) longestWord = Math.max(longestWord, doc.widthOfString(word));
      }
    }
    natural.push(Math.min(widest, maxColumnWidth) + 2 * padX);
    wordMinimum.push(Math.min(Math.max(longestWord, 28), maxWordWidth, natural.at(-1)! - 2 * padX) + 2 * padX);
    headerMinimum.push(Math.min(Math.max(headerWord, 24), natural.at(-1)! - 2 * padX) + 2 * padX);
  }
  // Whole words if they fit side by side; else at least whole header words (long cell words then break).
  const minimum = wordMinimum.reduce((sum, width) => sum + width, 0) <= available ? wordMinimum : headerMinimum;
  const total = natural.reduce((sum, width) => sum + width, 0);
  if (total <= available) {
    // Room to spare: the widest columns (the text) take it, so short columns stay compact.
    const spare = available - total;
    return { widths: natural.map((width) => width + (spare * width) / total), fontSize };
  }
  // Too wide: columns narrower than a fair share keep their width (dates, counts, names stay on
  // one line); the wide ones share what is left in proportion, never below their header's longest word.
  const widths: number[] = new Array<number>(natural.length).fill(0);
  let open = natural.map((_, index) => index);
  let remaining = available;
  for (;;) {
    const share = remaining / open.length;
    const fitting = open.filter((index) => natural[index]! <= share);
    if (fitting.length === 0 || fitting.length === open.length) break;
    for (const index of fitting) {
      widths[index] = natural[index]!;
      remaining -= natural[index]!;
    }
    open = open.filter((index) => !fitting.includes(index));
  }
  // A column whose share would be narrower than its longest word gets that width; the others share the rest.
  while (open.length > 0) {
    const wanted = open.reduce((sum, index) => sum + natural[index]!, 0);
    const squeezed = open.filter((index) => (remaining * natural[index]!) / wanted < minimum[index]!);
    if (squeezed.length === 0) {
      for (const index of open) widths[index] = (remaining * natural[index]!) / wanted;
      break;
    }
    for (const index of squeezed) {
      widths[index] = minimum[index]!;
      remaining -= minimum[index]!;
    }
    open = open.filter((index) => !squeezed.includes(index));
  }
  const scale = available / widths.reduce((sum, width) => sum + width, 0);
  return { widths: widths.map((width) => width * scale), fontSize };
}

/**
 * Draws a table from doc.y on: a shaded header row, then the rows, wrapped in their columns; a row
 * that does not fit starts a new page, which repeats the header (with the table's title, "continued").
 */
export function drawTable(doc: TPdfDocument, table: TEvidenceTable, { bottom }: { bottom: number }): void {
  const left = doc.page.margins.left;
  const available = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(fonts.bold).fontSize(10).fillColor(palette.ink);
  if (doc.y + 60 > bottom) doc.addPage();
  doc.text(table.title, left, doc.y, { width: available });
  doc.moveDown(0.3);
  if (table.rows.length === 0) {
    doc.font(fonts.regular).fontSize(9).fillColor(palette.muted).text("None.", left, doc.y, { width: available });
    doc.moveDown(0.8);
    return;
  }
  const { widths, fontSize } = layoutColumns(doc, table, available);
  const lineHeight = doc.font(fonts.regular).fontSize(fontSize).currentLineHeight(true);

  // Tables repeat their values (actions, actors, outcomes): each text is measured once per font.
  const measured = new Map<string, number>();
  const widthOf = (text: string, font: string) => {
    const key = `${font}\u0000${text}`;
    let width = measured.get(key);
    if (width === undefined) {
      width = doc.widthOfString(text);
      measured.set(key, width);
    }
    return width;
  };
  const singleLine = (text: string, width: number, font: string) => !text.includes("\n") && widthOf(text, font) <= width - 2 * padX;
  const cellHeight = (text: string, width: number, font: string) => {
    doc.font(font).fontSize(fontSize);
    if (singleLine(text, width, font)) return lineHeight;
    return doc.heightOfString(text, { width: width - 2 * padX, lineGap: 0 });
  };

  const drawRow = (texts: string[], font: string, height: number, fill: string | null, color: string) => {
    let x = left;
    const y = doc.y;
    if (fill) doc.rect(left, y, available, height).fill(fill);
    doc.font(font).fontSize(fontSize).fillColor(color);
    texts.forEach((text, index) => {
      const width = widths[index]!;
      // One line needs no line wrapper (the most of a table's cells, and pdfkit's slowest path).
      if (text && singleLine(text, width, font)) doc.text(text, x + padX, y + padY, { lineBreak: false });
      else if (text) doc.text(text, x + padX, y + padY, { width: width - 2 * padX, lineGap: 0, lineBreak: true });
      x += width;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + available, y + height)
      .lineWidth(0.4)
      .strokeColor(palette.rule)
      .stroke();
    doc.x = left;
    doc.y = y + height;
  };

  const headerTexts = table.columns.map((column) => column.label);
  const headerHeight = Math.max(...headerTexts.map((text, index) => cellHeight(text, widths[index]!, fonts.bold))) + 2 * padY;
  const drawHeader = () => drawRow(headerTexts, fonts.bold, headerHeight, palette.headerFill, palette.ink);
  drawHeader();

  const pageRoom = bottom - doc.page.margins.top - headerHeight - 30;
  table.rows.forEach((row, rowIndex) => {
    const texts = table.columns.map((column) => pdfCellText(row[column.key]));
    const heights = texts.map((text, index) => cellHeight(text, widths[index]!, fonts.regular));
    // A cell taller than a page is cut to fit one (the whole text stays in report.json and the CSV).
    heights.forEach((height, index) => {
      if (height <= pageRoom) return;
      const keep = Math.floor((texts[index]!.length * pageRoom * 0.85) / height);
      texts[index] = `${texts[index]!.slice(0, keep)}… (cut here; the whole text is in report.json)`;
      heights[index] = cellHeight(texts[index]!, widths[index]!, fonts.regular);
    });
    const height = Math.max(...heights) + 2 * padY;
    if (doc.y + height > bottom) {
      doc.addPage();
      doc.font(fonts.bold).fontSize(8.5).fillColor(palette.muted);
      doc.text(`${table.title} (continued)`, left, doc.y, { width: available });
      doc.moveDown(0.2);
      drawHeader();
    }
    drawRow(texts, fonts.regular, height, rowIndex % 2 === 1 ? palette.zebra : null, palette.ink);
  });
  doc.moveDown(1);
}
