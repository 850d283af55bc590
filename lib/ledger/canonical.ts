// RFC 8785 (JCS) bytes of a JSON value: the ledger hashes these, so the same logical entry
// must always give the same bytes. JCS is ECMAScript's JSON.stringify for strings and numbers,
// with object members sorted by their UTF-16 code units (what Array.prototype.sort does). We
// serialize in one pass that also insists the input is plain JSON data and says exactly where it
// is not: undefined members, sparse arrays, Dates, Maps, NaN or lone surrogates would otherwise
// be silently dropped or rewritten. (One pass is ~5× faster than validating and then calling a
// general canonicalizer, and canonicalization is the largest per-event cost of ingest.)

/** Canonical (RFC 8785) UTF-8 bytes of a plain JSON value; throws on anything else. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalText(value, "$", new Set()), "utf8");
}

function canonicalText(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case "string":
      if (!value.isWellFormed()) return fail(path, "string contains a lone UTF-16 surrogate");
      // PostgreSQL text cannot hold U+0000: a record holding it would break every query reading it.
      if (value.includes("\u0000")) return fail(path, "string contains U+0000 (NUL)");
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) return fail(path, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case "undefined":
      return fail(path, "undefined is not JSON (omit the property or use null)");
    case "bigint":
      return fail(path, "bigint is not JSON (convert to a string or a safe number first)");
    case "function":
    case "symbol":
      return fail(path, `${typeof value} is not JSON`);
    case "object":
      break;
  }
  if (value === null) return "null";
  if (ancestors.has(value)) fail(path, "circular reference");
  ancestors.add(value);
  let text: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      // `i in value` catches holes in sparse arrays, which would silently become null.
      if (!(i in value)) fail(`${path}[${i}]`, "sparse array hole is not JSON");
      items.push(canonicalText(value[i], `${path}[${i}]`, ancestors));
    }
    text = `[${items.join(",")}]`;
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as object).constructor?.name ?? "object";
      fail(path, `${name} is not a plain JSON object (convert it to plain data first)`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) fail(path, "symbol-keyed property is not JSON");
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    const members: string[] = [];
    for (const key of keys) {
      if (!key.isWellFormed()) fail(`${path}[${JSON.stringify(key)}]`, "property name contains a lone UTF-16 surrogate");
      if (key.includes("\u0000")) fail(`${path}[${JSON.stringify(key)}]`, "property name contains U+0000 (NUL)");
      members.push(`${JSON.stringify(key)}:${canonicalText(record[key], `${path}[${JSON.stringify(key)}]`, ancestors)}`);
    }
    text = `{${members.join(",")}}`;
  }
  ancestors.delete(value);
  return text;
}

function fail(path: string, reason: string): never {
  throw new Error(`cannot canonicalize value at ${path}: ${reason}`);
}
