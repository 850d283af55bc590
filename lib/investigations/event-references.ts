import { renderMarkdown } from "./render-markdown";

// Event references in a narrative: `[[seq:1234]]` names ledger entry 1234. Found by the same
// parser that renders them, so a reference inside code (`[[seq:1]]`) is text in both.

export const referenceSyntax = (seq: string) => `[[seq:${seq}]]`;

/** The seqs a narrative references, once each, in the order they first appear. */
export function extractEventReferences(markdown: string): string[] {
  const seen = new Set<string>();
  renderMarkdown(markdown, {
    resolveReference: (seq) => {
      seen.add(normalizeSeq(seq));
      return null;
    },
  });
  return [...seen];
}

/** "0042" and "42" name the same entry. */
export function normalizeSeq(seq: string): string {
  return BigInt(seq).toString();
}
