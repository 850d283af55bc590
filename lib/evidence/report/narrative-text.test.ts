import { describe, expect, it } from "vitest";
import { narrativeParagraphs } from "./narrative-text";

describe("a narrative on paper", () => {
  it("keeps the text, writes references out, leaves code and markup as text", () => {
    const paragraphs = narrativeParagraphs(
      "# Timeline\n\nAt 03:22 [[seq:0042]] then <script>x</script> &amp; **bold**\nsame paragraph\n\n- one [[seq:7]]\n\n> quoted\n\n```\n[[seq:1]]\n  indented\n```\n\n[link](https://example.org/a?b=1&c=2) [bad](javascript:alert(1))",
      (seq) => (seq === "42" ? "entry 42: model_version.deploy by ci" : null),
    );
    expect(paragraphs).toEqual([
      "Timeline",
      "At 03:22 [entry 42: model_version.deploy by ci] then <script>x</script> &amp; bold same paragraph",
      "•  one [entry 7: not among this report's cited entries]",
      "“quoted”",
      "[[seq:1]]\n  indented",
      // As on the page: the javascript: link is dropped, its text kept (the renderer ends the target at the first ")").
      "link (https://example.org/a?b=1&c=2) bad)",
    ]);
  });
});
