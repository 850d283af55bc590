// Observed and expected as a responder reads them: keys in words, lists as lists, digests in mono.
// Whatever shape a detector writes, nothing is hidden: unknown nesting falls back to indented JSON.

const words = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase();
const isHexDigest = (value: string) => /^[0-9a-f]{40,128}$/i.test(value);

type TFlatRecord = Record<string, string | number | boolean | null>;

/** Two or more objects with the same plain keys (registered versions, say): read best as a table. */
function asUniformRecords(value: unknown[]): TFlatRecord[] | null {
  if (value.length < 2) return null;
  const records = value.filter((item): item is TFlatRecord => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return false;
    return Object.values(item).every((field) => field === null || ["string", "number", "boolean"].includes(typeof field));
  });
  if (records.length !== value.length) return null;
  const keys = Object.keys(records[0]!).join("\u0000");
  return keys && records.every((record) => Object.keys(record).join("\u0000") === keys) ? records : null;
}

function RecordsTable({ records }: { records: TFlatRecord[] }) {
  // Short fields first, so a long digest takes the rest of the row instead of squeezing them.
  const keys = Object.keys(records[0]!).sort(
    (a, b) =>
      Number(records.some((record) => String(record[a]).length > 24)) - Number(records.some((record) => String(record[b]).length > 24)),
  );
  return (
    <table className="w-full border-collapse text-left">
      <thead>
        <tr>
          {keys.map((key) => (
            <th key={key} scope="col" className="min-w-16 border-b border-slate-200 pr-3 pb-0.5 text-xs font-medium text-slate-600">
              {words(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {records.map((record, i) => (
          <tr key={i}>
            {keys.map((key) => (
              <td key={key} className="border-b border-slate-100 py-0.5 pr-3 align-top">
                <ReadableValue value={record[key]} depth={3} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReadableValue({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (value === null || value === undefined) return <span className="text-slate-600">none</span>;
  if (typeof value === "string")
    return isHexDigest(value) ? <code className="font-mono text-xs break-all">{value}</code> : <span className="break-words">{value}</span>;
  if (typeof value === "number" || typeof value === "boolean") return <span className="tabular-nums">{String(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-600">none</span>;
    if (depth > 2 || value.length > 20)
      return <pre className="max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(value, null, 2)}</pre>;
    const records = asUniformRecords(value);
    if (records) return <RecordsTable records={records} />;
    return (
      <ul className="list-disc space-y-0.5 pl-4">
        {value.map((item, i) => (
          <li key={i}>
            <ReadableValue value={item} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <span className="text-slate-600">none</span>;
    if (depth > 2) return <pre className="max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(value, null, 2)}</pre>;
    return (
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
        {entries.map(([key, item]) => (
          <div key={key} className="contents">
            <dt className="text-slate-600">{words(key)}</dt>
            <dd className="min-w-0">
              <ReadableValue value={item} depth={depth + 1} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span>{String(value)}</span>;
}
