// A small Markdown renderer for investigation narratives: headings, paragraphs, lists (nested),
// block quotes, fenced and inline code, bold, italic, links, rules, and event references
// `[[seq:1234]]`. Every character of the source reaches the output escaped; raw HTML is text.
// Links keep only http(s), mailto and relative targets that stay on Custody. Pure and linear-time, so a hostile
// narrative can neither inject markup nor stall the page. Runs in the browser and on the server.

export type TReferenceTarget = {
  href: string;
  /** What the chip says: "seq 1234 · model_version.deploy · 2026-11-22 03:43 UTC". */
  label: string;
  title?: string;
};

export type TRenderMarkdownOptions = {
  /** An event reference's link; null renders it as a "not found" chip. */
  resolveReference?: (seq: string) => TReferenceTarget | null;
};

const MAX_DEPTH = 12;
const MAX_URL = 2048;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character]!);
}

/** Where relative links are resolved to check them: any origin does, only "does it stay there?" matters. */
const checkOrigin = "https://custody.invalid";

/**
 * The href to keep, or null: explicit http(s) and mailto links, and relative links that stay on
 * Custody, checked as a browser resolves them: a slash and a backslash, two slashes (after any
 * tab is dropped), or another scheme (javascript:, data:) leave Custody and are dropped.
 */
export function safeHref(raw: string): string | null {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const url = Array.from(raw)
    .filter((character) => {
      const code = character.codePointAt(0)!;
      return code > 0x20 && !(code >= 0x7f && code <= 0x9f);
    })
    .join("");
  if (!url || url.length > MAX_URL) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (name === "mailto") return url;
    if (name !== "http" && name !== "https") return null;
    // An external link names its host after "//"; "http:host" would be read as a relative path.
    return /^https?:[/\\]{2}[^/\\]/i.test(url) && URL.canParse(url) ? url : null;
  }
  const resolved = URL.canParse(url, `${checkOrigin}/investigations/`) ? new URL(url, `${checkOrigin}/investigations/`) : null;
  return resolved && resolved.origin === checkOrigin ? url : null;
}

export function renderMarkdown(source: string, options: TRenderMarkdownOptions = {}): string {
  const lines = source.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n");
  return renderBlocks(lines, options, 0);
}

// --- blocks ---------------------------------------------------------------------------------

const fencePattern = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)\s*$/;
const headingPattern = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*$/;
const rulePattern = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const quotePattern = /^ {0,3}>\s?(.*)$/;
const itemPattern = /^( *)([-*+]|\d{1,9}[.)])(?: +(.*))?$/;

const isBlank = (line: string) => line.trim() === "";
const indentOf = (line: string) => line.length - line.trimStart().length;

function startsBlock(line: string): boolean {
  return (
    fencePattern.test(line) || headingPattern.test(line) || rulePattern.test(line) || quotePattern.test(line) || itemPattern.test(line)
  );
}

/** `tight`: paragraphs without <p> (the items of a list with no blank lines between them). */
function renderBlocks(lines: string[], options: TRenderMarkdownOptions, depth: number, tight = false): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    const fence = fencePattern.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`);
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !closing.test(lines[i]!)) {
        body.push(lines[i]!);
        i += 1;
      }
      i += 1; // the closing fence (or the end)
      const language = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : "";
      out.push(`<pre><code${language}>${escapeHtml(body.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = headingPattern.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const text = (heading[2] ?? "").replace(/\s+#+$/, "");
      out.push(`<h${level}>${renderInline(text, options)}</h${level}>`);
      i += 1;
      continue;
    }
    if (rulePattern.test(line)) {
      out.push("<hr>");
      i += 1;
      continue;
    }
    if (depth < MAX_DEPTH && quotePattern.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && quotePattern.test(lines[i]!)) {
        inner.push(quotePattern.exec(lines[i]!)![1]!);
        i += 1;
      }
      out.push(`<blockquote>${renderBlocks(inner, options, depth + 1)}</blockquote>`);
      continue;
    }
    if (depth < MAX_DEPTH && itemPattern.test(line)) {
      const list = renderList(lines, i, options, depth);
      out.push(list.html);
      i = list.next;
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && !isBlank(lines[i]!) && (paragraph.length === 0 || !startsBlock(lines[i]!))) {
      paragraph.push(lines[i]!);
      i += 1;
    }
    const html = paragraph
      .map((text, index) => {
        const last = index === paragraph.length - 1;
        const hardBreak = !last && / {2,}$/.test(text);
        return renderInline(text.trim(), options) + (hardBreak ? "<br>" : "");
      })
      .join("\n");
    out.push(tight ? html : `<p>${html}</p>`);
  }
  return out.join("\n");
}

function renderList(lines: string[], start: number, options: TRenderMarkdownOptions, depth: number): { html: string; next: number } {
  const first = itemPattern.exec(lines[start]!)!;
  const indent = first[1]!.length;
  const ordered = /\d/.test(first[2]!);
  const items: string[] = [];
  let i = start;
  while (i < lines.length) {
    const item = itemPattern.exec(lines[i]!);
    if (!item || item[1]!.length !== indent || /\d/.test(item[2]!) !== ordered || rulePattern.test(lines[i]!)) break;
    const contentColumn = indent + item[2]!.length + 1;
    const body = [item[3] ?? ""];
    let loose = false;
    i += 1;
    while (i < lines.length) {
      const line = lines[i]!;
      if (isBlank(line)) {
        // A blank line continues the item only if what follows is indented under it.
        let next = i + 1;
        while (next < lines.length && isBlank(lines[next]!)) next += 1;
        if (next < lines.length && indentOf(lines[next]!) > indent) {
          loose = true;
          body.push("");
          i += 1;
          continue;
        }
        break;
      }
      if (indentOf(line) <= indent) break;
      body.push(line.slice(Math.min(indentOf(line), contentColumn)));
      i += 1;
    }
    items.push(`<li>${renderBlocks(body, options, depth + 1, !loose)}</li>`);
    // Blank lines between items of the same list do not end it.
    let next = i;
    while (next < lines.length && isBlank(lines[next]!)) next += 1;
    const sibling = next < lines.length ? itemPattern.exec(lines[next]!) : null;
    if (sibling && sibling[1]!.length === indent && /\d/.test(sibling[2]!) === ordered) i = next;
    else break;
  }
  const startNumber = ordered ? Number.parseInt(first[2]!, 10) : 1;
  const tag = ordered ? "ol" : "ul";
  const startAttribute = ordered && startNumber !== 1 ? ` start="${startNumber}"` : "";
  return { html: `<${tag}${startAttribute}>\n${items.join("\n")}\n</${tag}>`, next: i };
}

// --- inline ---------------------------------------------------------------------------------

const referencePattern = /^\[\[seq:(\d{1,19})\]\]/;
const autolinkPattern = /^https?:\/\/[^\s<>"'`]+/i;
const escapable = /[\\`*_{}[\]()#+\-.!>|~]/;
const isWordCharacter = (character: string | undefined) => character !== undefined && /[\p{L}\p{N}]/u.test(character);
const isSpace = (character: string | undefined) => character === undefined || /\s/.test(character);

type TInlineState = { options: TRenderMarkdownOptions; inLink: boolean; depth: number };

export function renderInline(text: string, options: TRenderMarkdownOptions, inLink = false, depth = 0): string {
  return inline(text, { options, inLink, depth });
}

function inline(text: string, state: TInlineState): string {
  let out = "";
  let i = 0;
  // Where a search for a closer already failed: no later opener of that kind can succeed either
  // (the closer's conditions do not depend on the opener), so each kind is searched for once.
  const failedFrom = new Map<string, number>();
  const failed = (kind: string, at: number) => (failedFrom.get(kind) ?? Infinity) <= at;
  while (i < text.length) {
    const character = text[i]!;

    if (character === "\\" && escapable.test(text[i + 1] ?? "")) {
      out += escapeHtml(text[i + 1]!);
      i += 2;
      continue;
    }

    if (character === "`") {
      let run = 1;
      while (text[i + run] === "`") run += 1;
      const kind = `code${run}`;
      const close = failed(kind, i) ? -1 : findBacktickRun(text, i + run, run);
      if (close === -1) {
        failedFrom.set(kind, Math.min(failedFrom.get(kind) ?? Infinity, i));
        out += escapeHtml("`".repeat(run));
        i += run;
        continue;
      }
      let code = text.slice(i + run, close);
      if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ")) code = code.slice(1, -1);
      out += `<code>${escapeHtml(code)}</code>`;
      i = close + run;
      continue;
    }

    if (character === "[" && text.startsWith("[[seq:", i)) {
      const reference = referencePattern.exec(text.slice(i, i + 30));
      if (reference) {
        out += renderReference(reference[1]!, state);
        i += reference[0].length;
        continue;
      }
    }

    if (character === "[" && !state.inLink && !failed("link", i)) {
      const link = matchLink(text, i);
      if (link === "no-closer") failedFrom.set("link", i);
      else if (link) {
        const label = inline(link.label, { ...state, inLink: true, depth: state.depth + 1 });
        const href = safeHref(link.url);
        out += href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${label}</a>` : label;
        i = link.end;
        continue;
      }
    }

    if ((character === "h" || character === "H") && !state.inLink && !isWordCharacter(text[i - 1])) {
      const url = autolinkPattern.exec(text.slice(i, i + MAX_URL));
      if (url) {
        const trimmed = url[0].replace(/[.,;:!?)\]]+$/, "");
        const href = safeHref(trimmed);
        if (href) {
          out += `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(trimmed)}</a>`;
          i += trimmed.length;
          continue;
        }
      }
    }

    if ((character === "*" || character === "_") && state.depth < MAX_DEPTH) {
      let run = 1;
      while (text[i + run] === character) run += 1;
      const emphasis = matchEmphasis(text, i, run, character, failed, failedFrom);
      if (emphasis) {
        const inner = inline(text.slice(emphasis.contentStart, emphasis.contentEnd), { ...state, depth: state.depth + 1 });
        out += escapeHtml(character.repeat(emphasis.extra)) + `<${emphasis.tag}>${inner}</${emphasis.tag}>`;
        i = emphasis.end;
        continue;
      }
      out += escapeHtml(character.repeat(run));
      i += run;
      continue;
    }

    out += escapeHtml(character);
    i += 1;
  }
  return out;
}

function findBacktickRun(text: string, from: number, run: number): number {
  let j = text.indexOf("`", from);
  while (j !== -1) {
    let length = 1;
    while (text[j + length] === "`") length += 1;
    if (length === run) return j;
    j = text.indexOf("`", j + length);
  }
  return -1;
}

/** `[label](url)`: the label holds no brackets; the url no spaces or parentheses. */
function matchLink(text: string, start: number): { label: string; url: string; end: number } | "no-closer" | null {
  const close = text.indexOf("]", start + 1);
  if (close === -1) return "no-closer";
  const opener = text.indexOf("[", start + 1);
  if (opener !== -1 && opener < close) return null;
  if (text[close + 1] !== "(") return null;
  let end = close + 2;
  while (end < text.length && end - close < MAX_URL && text[end] !== ")" && !/\s/.test(text[end]!)) end += 1;
  if (text[end] !== ")") return null;
  return { label: text.slice(start + 1, close), url: text.slice(close + 2, end), end: end + 1 };
}

/**
 * `**strong**`, `*em*`, `__strong__`, `_em_`. An opener is followed by a non-space; a closer
 * follows a non-space. Underscores never open or close inside a word, so ids such as
 * sa_vector_labs stay as they are.
 */
function matchEmphasis(
  text: string,
  start: number,
  run: number,
  character: string,
  failed: (kind: string, at: number) => boolean,
  failedFrom: Map<string, number>,
): { tag: "strong" | "em"; contentStart: number; contentEnd: number; end: number; extra: number } | null {
  if (isSpace(text[start + run])) return null;
  if (character === "_" && isWordCharacter(text[start - 1])) return null;
  for (const size of run >= 2 ? [2, 1] : [1]) {
    const kind = `${character}${size}`;
    if (failed(kind, start)) continue;
    const extra = run - size;
    const contentStart = start + run;
    let j = text.indexOf(character, contentStart);
    while (j !== -1) {
      let closeRun = 1;
      while (text[j + closeRun] === character) closeRun += 1;
      const closes =
        closeRun >= size && !isSpace(text[j - 1]) && j > contentStart && !(character === "_" && isWordCharacter(text[j + closeRun]));
      if (closes) {
        // The opener's extra delimiters (***x***) belong inside: the content keeps them.
        const contentEnd = j + closeRun - size;
        return { tag: size === 2 ? "strong" : "em", contentStart: contentStart - extra, contentEnd, end: j + closeRun, extra: 0 };
      }
      j = text.indexOf(character, j + closeRun);
    }
    failedFrom.set(kind, Math.min(failedFrom.get(kind) ?? Infinity, start));
  }
  return null;
}

function renderReference(seq: string, state: TInlineState): string {
  const target = state.options.resolveReference?.(seq) ?? null;
  if (target && !state.inLink) {
    const title = target.title ? ` title="${escapeHtml(target.title)}"` : "";
    return `<a class="event-ref" data-seq="${seq}" href="${escapeHtml(target.href)}"${title}>${escapeHtml(target.label)}</a>`;
  }
  if (state.inLink) return escapeHtml(target?.label ?? `seq ${seq}`);
  const known = state.options.resolveReference ? "not in this investigation" : "event reference";
  return `<span class="event-ref event-ref-missing" data-seq="${seq}" title="${escapeHtml(`seq ${seq}: ${known}`)}">seq ${seq}</span>`;
}
