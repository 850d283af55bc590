// A JSON document written piece by piece, byte for byte as `JSON.stringify(document, null, 2)`
// followed by a newline: the head's members first, then each section's array one element at a
// time, so no more than one element is ever in memory.

export type TWrite = (text: string) => Promise<boolean>;

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

/** Writes `{ ...head, [name]: [...elements] }`; false as soon as a write is refused (the byte limit). */
export async function writeJsonDocument(
  write: TWrite,
  head: Record<string, unknown>,
  sections: [string, AsyncIterable<unknown> | Iterable<unknown>][],
): Promise<boolean> {
  const headText = JSON.stringify(head, null, 2);
  let members = headText !== "{}";
  if (!(await write(members ? headText.slice(0, -2) : "{"))) return false;
  for (const [name, elements] of sections) {
    if (!(await write(`${members ? "," : ""}\n  ${JSON.stringify(name)}: [`))) return false;
    members = true;
    let first = true;
    for await (const element of elements) {
      if (!(await write(`${first ? "" : ","}\n    ${indent(JSON.stringify(element ?? null, null, 2), "    ")}`))) return false;
      first = false;
    }
    if (!(await write(first ? "]" : "\n  ]"))) return false;
  }
  return write(members ? "\n}\n" : "}\n");
}
