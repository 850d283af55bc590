import { renderMarkdown } from "@/lib/investigations/render-markdown";

// A narrative as paper text: rendered by the same Markdown renderer the investigation page uses
// (so `[[seq:…]]` inside code stays text in both), then its HTML reduced to paragraphs. Every
// event reference becomes words: "[entry 1234: model_version.deploy by svc-ci, 2026-11-22 03:43 UTC]".

const entities: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };
const blockBreak = "\u0001";

/** `resolve(seq)` says what the entry is, or null when the report does not cite it. */
export function narrativeParagraphs(markdown: string, resolve: (seq: string) => string | null): string[] {
  const html = renderMarkdown(markdown, {
    resolveReference: (seq) => {
      const described = resolve(BigInt(seq).toString());
      return { href: "#", label: described ? `[${described}]` : `[entry ${seq}: not among this report's cited entries]` };
    },
  });
  const text = html
    .replace(/<pre><code>([\s\S]*?)<\/code><\/pre>/g, (_, code: string) => `${blockBreak}${code.replace(/\n/g, "\u0002")}${blockBreak}`)
    .replace(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_, href: string, label: string) => (href === "#" ? label : `${label} (${href})`))
    .replace(/<li>/g, `${blockBreak}•  `)
    .replace(/<blockquote>(<p>)?/g, `${blockBreak}“`)
    .replace(/(<\/p>)?<\/blockquote>/g, `”${blockBreak}`)
    .replace(/<hr>/g, `${blockBreak}———${blockBreak}`)
    .replace(/<\/(p|h[1-6]|li|ul|ol)>/g, blockBreak)
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|quot|#39|amp);/g, (entity) => entities[entity]!);
  return text
    .split(blockBreak)
    .map((paragraph) =>
      paragraph
        .replace(/\s*\n\s*/g, " ")
        .replace(/\u0002/g, "\n")
        .trim(),
    )
    .filter((paragraph) => paragraph && paragraph !== "“" && paragraph !== "”");
}
