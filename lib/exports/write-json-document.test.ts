import { describe, expect, it } from "vitest";
import { writeJsonDocument } from "./write-json-document";

async function written(head: Record<string, unknown>, sections: [string, unknown[]][], limit = Infinity) {
  let text = "";
  const ok = await writeJsonDocument(
    async (piece) => {
      if (text.length + piece.length > limit) return false;
      text += piece;
      return true;
    },
    head,
    sections,
  );
  return { ok, text };
}

describe("writeJsonDocument", () => {
  it("writes exactly what JSON.stringify(document, null, 2) writes, plus a newline", async () => {
    const head = {
      format: "custody.access-review.v1",
      campaign: { id: "c1", scope: { projectIds: ["p1", "p2"] }, note: "line\nbreak \u0000" },
      summary: { items: 2 },
    };
    const sections: [string, unknown[]][] = [
      [
        "items",
        [
          { id: 1, nested: { list: [1, 2, { deep: [] }] } },
          { id: 2, empty: {}, none: null, gone: undefined },
        ],
      ],
      ["signOffs", []],
      ["revocations", [undefined, "text"]],
    ];
    const { ok, text } = await written(head, sections);
    expect(ok).toBe(true);
    expect(text).toBe(`${JSON.stringify({ ...head, ...Object.fromEntries(sections) }, null, 2)}\n`);
    expect((await written({}, [])).text).toBe("{}\n");
    expect((await written({}, [["items", [1]]])).text).toBe(`${JSON.stringify({ items: [1] }, null, 2)}\n`);
  });

  it("stops at the first refused write and says so", async () => {
    const { ok, text } = await written({ a: 1 }, [["items", Array.from({ length: 100 }, (_, i) => ({ i }))]], 200);
    expect(ok).toBe(false);
    expect(text.length).toBeLessThanOrEqual(200);
  });
});
