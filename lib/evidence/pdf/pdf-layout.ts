import path from "node:path";
import type PDFDocument from "pdfkit";

export type TPdfDocument = InstanceType<typeof PDFDocument>;

// The fonts ship in the repository (DejaVu, licence beside them) and are embedded as subsets, so
// every glyph is in the file (PDF/A) and a fresh clone needs no system fonts. Resolved from the
// working directory: the launcher, the web server and the tests all run from the project root.
const fontDirectory = () => path.join(process.cwd(), "lib", "evidence", "pdf", "fonts");

export const fonts = {
  regular: "DejaVuSans",
  bold: "DejaVuSans-Bold",
  mono: "DejaVuSansMono",
} as const;

export function fontFile(name: (typeof fonts)[keyof typeof fonts]): string {
  return path.join(fontDirectory(), `${name}.ttf`);
}

export const palette = {
  ink: "#111827",
  muted: "#4b5563",
  accent: "#1e3a8a",
  rule: "#d1d5db",
  headerFill: "#e5e7eb",
  zebra: "#f5f6f8",
} as const;

/** A4 in points, with 2 cm side margins and room for the footer. */
export const page = { size: "A4" as const, margins: { top: 56, bottom: 64, left: 56, right: 56 } };
