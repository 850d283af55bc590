import canonicalize from "canonicalize";

// RFC 8785 (JCS) bytes of a JSON value: the ledger hashes these, so the same logical entry
// must always give the same bytes. The `canonicalize` package follows JSON.stringify and
// silently drops or rewrites values JSON cannot represent (undefined members vanish,
// undefined array items become null, Dates become strings via toJSON), so we first insist
// the input is plain JSON data and say exactly where it is not.

/** Canonical (RFC 8785) UTF-8 bytes of a plain JSON value; throws on anything else. */
export function canonicalBytes(value: unknown): Buffer {
  assertJsonData(value, "$", new Set());
  const text = canonicalize(value);
  if (text === undefined) throw new Error("cannot canonicalize: value has no JSON representation");
  return Buffer.from(text, "utf8");
}

function assertJsonData(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case "string":
      if (!value.isWellFormed()) return fail(path, "string contains a lone UTF-16 surrogate");
      return;
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) return fail(path, `${value} is not a JSON number`);
      return;
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
  if (value === null) return;
  if (ancestors.has(value)) fail(path, "circular reference");
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      // `i in value` catches holes in sparse arrays, which would silently become null.
      if (!(i in value)) fail(`${path}[${i}]`, "sparse array hole is not JSON");
      assertJsonData(value[i], `${path}[${i}]`, ancestors);
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as object).constructor?.name ?? "object";
      fail(path, `${name} is not a plain JSON object (convert it to plain data first)`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) fail(path, "symbol-keyed property is not JSON");
    for (const [key, member] of Object.entries(value)) {
      if (!key.isWellFormed()) fail(`${path}[${JSON.stringify(key)}]`, "property name contains a lone UTF-16 surrogate");
      assertJsonData(member, `${path}[${JSON.stringify(key)}]`, ancestors);
    }
  }
  ancestors.delete(value);
}

function fail(path: string, reason: string): never {
  throw new Error(`cannot canonicalize value at ${path}: ${reason}`);
}
