import { describe, expect, it } from "vitest";
import { extractEventReferences } from "./event-references";
import { renderMarkdown, safeHref } from "./render-markdown";

const events: Record<string, { action: string; at: string }> = {
  "1234": { action: "model_version.deploy", at: "2026-11-22 03:43 UTC" },
  "7": { action: "model_artifact.upload", at: "2026-11-22 03:22 UTC" },
};
const resolveReference = (seq: string) =>
  events[seq]
    ? {
        href: `/investigations/inv_1?focus=${seq}`,
        label: `seq ${seq} · ${events[seq]!.action} · ${events[seq]!.at}`,
        title: "Open the event",
      }
    : null;

describe("renderMarkdown: escaping", () => {
  it("renders raw HTML as text, everywhere", () => {
    const attack = `<script>alert(1)</script> <img src=x onerror="alert('x')"> & "quotes"`;
    const html = renderMarkdown(
      `# ${attack}\n\n${attack}\n\n- ${attack}\n\n> ${attack}\n\n**${attack}**\n\n\`${attack}\`\n\n\`\`\`\n${attack}\n\`\`\``,
    );
    expect(html).not.toMatch(/<script|<img|onerror="/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; &quot;quotes&quot;");
    // Every tag in the output is one the renderer writes.
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((match) => match[1]);
    expect(new Set(tags)).toEqual(new Set(["h1", "p", "ul", "li", "blockquote", "strong", "code", "pre"]));
  });

  it("keeps only safe link targets and escapes them", () => {
    expect(renderMarkdown("[click](javascript:alert(1))")).toBe("<p>click)</p>");
    expect(renderMarkdown("[click](JaVa\tScRiPt:alert`1`)")).not.toContain("href");
    expect(renderMarkdown("[x](data:text/html;base64,PHNjcmlwdD4=)")).toBe("<p>x</p>");
    expect(renderMarkdown("[x](//evil.example/a)")).toBe("<p>x</p>");
    expect(renderMarkdown('[x](https://example.com/?a=1&b="2")')).toBe(
      '<p><a href="https://example.com/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">x</a></p>',
    );
    expect(renderMarkdown("[runbook](/access?artifact=x) and [mail](mailto:ir@acme.example)")).toBe(
      '<p><a href="/access?artifact=x" rel="noopener noreferrer">runbook</a> and <a href="mailto:ir@acme.example" rel="noopener noreferrer">mail</a></p>',
    );
    expect(safeHref("\u0000javascript:alert(1)")).toBeNull();
    expect(safeHref("https://ok.example")).toBe("https://ok.example");
  });

  it("drops relative links that a browser would resolve to another host", () => {
    // Each of these is a path to a naive check but another host to a browser ("\\" is "/", tabs vanish).
    for (const target of [
      "/\\evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "//evil.example",
      "///evil.example",
      " //evil.example",
      "\\/evil.example",
    ]) {
      expect(safeHref(target), JSON.stringify(target)).toBeNull();
    }
    expect(renderMarkdown("[runbook](/\\evil.example/runbook)")).toBe("<p>runbook</p>");
    // External links only with an explicit http(s)://host; others, as written, are dropped.
    expect(safeHref("http:evil.example")).toBeNull();
    expect(safeHref("https:/evil.example")).toBeNull();
    expect(safeHref("HTTPS://ok.example/a")).toBe("HTTPS://ok.example/a");
    // Same-origin relative links stay as written.
    for (const target of ["/investigations/inv_1?tab=narrative", "runbook.md", "../access", "#timeline", "?tab=events", "/%5Cnot-a-host"])
      expect(safeHref(target)).toBe(target);
  });

  it("escapes the label and title of event references and the language of code blocks", () => {
    const html = renderMarkdown('[[seq:1]]\n\n```js"><script>\nx\n```', {
      resolveReference: () => ({ href: '/x?"><script>', label: "<b>bold</b>", title: '"><img>' }),
    });
    expect(html).toContain(
      '<a class="event-ref" data-seq="1" href="/x?&quot;&gt;&lt;script&gt;" title="&quot;&gt;&lt;img&gt;">&lt;b&gt;bold&lt;/b&gt;</a>',
    );
    expect(html).not.toContain("<script");
    expect(html).toContain("<pre><code>");
  });
});

describe("renderMarkdown: structure", () => {
  it("renders headings, paragraphs, emphasis, code and links", () => {
    expect(renderMarkdown("## Timeline\n\nThe token **downloaded** version 6 *at night*.\nThen `PutObject`.")).toBe(
      "<h2>Timeline</h2>\n<p>The token <strong>downloaded</strong> version 6 <em>at night</em>.\nThen <code>PutObject</code>.</p>",
    );
    expect(renderMarkdown("__strong__ and _em_ and ***both***")).toBe(
      "<p><strong>strong</strong> and <em>em</em> and <strong><em>both</em></strong></p>",
    );
    expect(renderMarkdown("See https://mlflow.example/models/1.")).toBe(
      '<p>See <a href="https://mlflow.example/models/1" rel="noopener noreferrer">https://mlflow.example/models/1</a>.</p>',
    );
  });

  it("leaves underscores inside identifiers alone", () => {
    expect(renderMarkdown("sa_vector-labs-sync acted for usr_taylor on art_support_embedder")).toBe(
      "<p>sa_vector-labs-sync acted for usr_taylor on art_support_embedder</p>",
    );
    expect(renderMarkdown("2 * 3 * 4")).toBe("<p>2 * 3 * 4</p>");
    expect(renderMarkdown("\\*not em\\*")).toBe("<p>*not em*</p>");
  });

  it("renders ordered, unordered and nested lists, rules and quotes", () => {
    expect(renderMarkdown("1. download\n2. upload\n   - unregistered digest\n   - unsigned\n3. deploy")).toBe(
      "<ol>\n<li>download</li>\n<li>upload\n<ul>\n<li>unregistered digest</li>\n<li>unsigned</li>\n</ul></li>\n<li>deploy</li>\n</ol>",
    );
    expect(renderMarkdown("3. third\n4. fourth")).toBe('<ol start="3">\n<li>third</li>\n<li>fourth</li>\n</ol>');
    expect(renderMarkdown("- a\n\n- b")).toBe("<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
    expect(renderMarkdown("a\n\n---\n\n> quoted *text*\n> more")).toBe(
      "<p>a</p>\n<hr>\n<blockquote><p>quoted <em>text</em>\nmore</p></blockquote>",
    );
  });

  it("keeps fenced code verbatim, Markdown and references included", () => {
    expect(renderMarkdown("```\n**not bold** [[seq:1234]]\n  indented\n```\nafter")).toBe(
      "<pre><code>**not bold** [[seq:1234]]\n  indented</code></pre>\n<p>after</p>",
    );
  });

  it("stays fast on hostile input", () => {
    const started = performance.now();
    renderMarkdown(
      `${"*a ".repeat(20_000)}\n\n${"[".repeat(30_000)}\n\n${"`".repeat(5000)}x\n\n${"_a _".repeat(10_000)}\n\n${"[a](".repeat(10_000)}`,
    );
    renderMarkdown(`${"- ".repeat(2000)}x\n${"> ".repeat(2000)}y`);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe("event references", () => {
  it("renders a reference as a link to the event with its action and time", () => {
    expect(renderMarkdown("Deployed in [[seq:1234]].", { resolveReference })).toBe(
      '<p>Deployed in <a class="event-ref" data-seq="1234" href="/investigations/inv_1?focus=1234" title="Open the event">seq 1234 · model_version.deploy · 2026-11-22 03:43 UTC</a>.</p>',
    );
  });

  it("marks references to events that are not in the investigation", () => {
    expect(renderMarkdown("[[seq:99]]", { resolveReference })).toBe(
      '<p><span class="event-ref event-ref-missing" data-seq="99" title="seq 99: not in this investigation">seq 99</span></p>',
    );
  });

  it("finds each referenced seq once, in order, and ignores references in code and malformed ones", () => {
    const narrative = [
      "# What happened",
      "The upload [[seq:7]] came before the deploy [[seq:1234]]; see also **[[seq:7]]**.",
      "- [[seq:0042]] in a list",
      "`[[seq:555]]` is code, and so is:",
      "```",
      "[[seq:556]]",
      "```",
      "[[seq:abc]] [[seq:]] [[seq: 9]] [seq:10] [[seq:12345678901234567890]]",
      "> quoted [[seq:8]]",
    ].join("\n");
    expect(extractEventReferences(narrative)).toEqual(["7", "1234", "42", "8"]);
  });
});
