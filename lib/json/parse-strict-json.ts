// A JSON (RFC 8259) parser for input the ledger hashes: it returns exactly what was sent or
// refuses it, where JSON.parse would silently keep the last of duplicate keys, round 2^53 + 1,
// turn 1e400 into Infinity, accept lone surrogates and U+0000, or overflow the stack on deep
// nesting. Iterative (an explicit stack), so no input size can exhaust the call stack.

export const defaultMaxJsonDepth = 64;

export type TJsonPathSegment = string | number;

/** Why a text was refused: `syntax` for text that is not JSON, `refused` for JSON the ledger cannot hold exactly. */
export class StrictJsonError extends Error {
  constructor(
    readonly kind: "syntax" | "refused",
    readonly reason: string,
    readonly segments: TJsonPathSegment[],
    readonly position: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at ${formatJsonPath(segments)} (line ${line}, column ${column})`);
    this.name = "StrictJsonError";
  }

  get path(): string {
    return formatJsonPath(this.segments);
  }
}

/** `$[3].details.a`, with bracketed quotes for keys that are not identifiers. */
export function formatJsonPath(segments: readonly TJsonPathSegment[]): string {
  let path = "$";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else path += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return path;
}

const maxSafe = Number.MAX_SAFE_INTEGER;

/**
 * Parses `text` as one JSON value. Refuses duplicate object keys, `__proto__` keys (JavaScript
 * objects and zod cannot keep them as sent), integers beyond ±(2^53−1), numbers whose value a
 * double cannot hold exactly as written (1e400, 1e-400, 0.1000000000000000000001), U+0000 and
 * lone surrogates in strings and keys (raw or escaped), nesting deeper than `maxDepth`, a byte
 * order mark, and anything after the value. Numbers that are the same value in another spelling
 * (`1.0`, `1e2`, `-0`) are kept as that value, as RFC 8785 canonicalization writes it.
 */
export function parseStrictJson(text: string, { maxDepth = defaultMaxJsonDepth }: { maxDepth?: number } = {}): unknown {
  return new StrictJsonParser(text, maxDepth).parse();
}

type TContainer = unknown[] | Record<string, unknown>;

class StrictJsonParser {
  private index = 0;
  private readonly containers: TContainer[] = [];
  // Per open container: the key being read (objects) or the index of the next item (arrays).
  private readonly keys: TJsonPathSegment[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  parse(): unknown {
    const { text, containers, keys } = this;
    for (;;) {
      this.skipWhitespace();
      let value: unknown;
      const code = text.charCodeAt(this.index);
      if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
        if (containers.length >= this.maxDepth) this.refuse(`nested deeper than ${this.maxDepth} levels`);
        this.index += 1;
        this.skipWhitespace();
        if (code === 0x7b) {
          if (text.charCodeAt(this.index) === 0x7d) {
            this.index += 1;
            value = {};
          } else {
            const object: Record<string, unknown> = {};
            containers.push(object);
            this.readKey(object, true);
            continue;
          }
        } else if (text.charCodeAt(this.index) === 0x5d) {
          this.index += 1;
          value = [];
        } else {
          containers.push([]);
          keys.push(0);
          continue;
        }
      } else if (code === 0x22 /* " */) {
        value = this.readString();
      } else if (code === 0x2d /* - */ || (code >= 0x30 && code <= 0x39)) {
        value = this.readNumber();
      } else if (text.startsWith("true", this.index)) {
        this.index += 4;
        value = true;
      } else if (text.startsWith("false", this.index)) {
        this.index += 5;
        value = false;
      } else if (text.startsWith("null", this.index)) {
        this.index += 4;
        value = null;
      } else {
        this.unexpected("a value");
      }

      // A complete value: hand it to its container, closing every container it completes.
      for (;;) {
        const depth = containers.length;
        if (depth === 0) {
          this.skipWhitespace();
          if (this.index < text.length) this.unexpected("the end of the text");
          return value;
        }
        const container = containers[depth - 1]!;
        this.skipWhitespace();
        const next = text.charCodeAt(this.index);
        if (Array.isArray(container)) {
          container.push(value);
          if (next === 0x2c /* , */) {
            this.index += 1;
            keys[depth - 1] = container.length;
            break;
          }
          if (next !== 0x5d /* ] */) this.unexpected("',' or ']'");
        } else {
          container[keys[depth - 1] as string] = value;
          if (next === 0x2c) {
            this.index += 1;
            this.skipWhitespace();
            this.readKey(container, false);
            break;
          }
          if (next !== 0x7d /* } */) this.unexpected("',' or '}'");
        }
        this.index += 1;
        value = containers.pop();
        keys.pop();
      }
    }
  }

  /** Reads `"key":` into the path, refusing keys the object already has. */
  private readKey(object: Record<string, unknown>, first: boolean): void {
    // While the key is read, the path ends at the object.
    if (!first) this.keys.pop();
    if (this.text.charCodeAt(this.index) !== 0x22) this.unexpected("a property name in double quotes");
    const start = this.index;
    const key = this.readString(true);
    this.keys.push(key);
    if (key === "__proto__") this.refuse('the key "__proto__" is not accepted (it cannot be kept as an ordinary key); rename it', start);
    if (Object.hasOwn(object, key)) this.refuse(`duplicate key ${JSON.stringify(key)} (each key may appear once in an object)`, start);
    this.skipWhitespace();
    if (this.text.charCodeAt(this.index) !== 0x3a /* : */) this.unexpected("':'");
    this.index += 1;
  }

  private readString(isKey = false): string {
    const text = this.text;
    const start = this.index + 1;
    let index = start;
    let chunkStart = start;
    let result = "";
    for (;;) {
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        this.index = index + 1;
        if (chunkStart !== start) return result + text.slice(chunkStart, index);
        return isKey ? cachedKey(text, start, index) : text.slice(start, index);
      }
      if (code === 0x5c /* \ */) {
        result += text.slice(chunkStart, index);
        const escaped = this.readEscape(index);
        result += escaped.text;
        index = escaped.end;
        chunkStart = index;
        continue;
      }
      if (!(code >= 0x20)) {
        if (Number.isNaN(code)) this.fail("unterminated string", index);
        if (code === 0) this.refuse("U+0000 (NUL) is not accepted in text", index);
        this.fail(`unescaped control character U+${hex4(code)} in a string (escape it)`, index);
      }
      if (code >= 0xd800 && code <= 0xdfff) {
        const low = text.charCodeAt(index + 1);
        if (code >= 0xdc00 || !(low >= 0xdc00 && low <= 0xdfff))
          this.refuse(`lone UTF-16 surrogate U+${hex4(code)} is not accepted in text`, index);
        index += 2;
        continue;
      }
      index += 1;
    }
  }

  private readEscape(at: number): { text: string; end: number } {
    const text = this.text;
    const code = text.charCodeAt(at + 1);
    switch (code) {
      case 0x22:
        return { text: '"', end: at + 2 };
      case 0x5c:
        return { text: "\\", end: at + 2 };
      case 0x2f:
        return { text: "/", end: at + 2 };
      case 0x62:
        return { text: "\b", end: at + 2 };
      case 0x66:
        return { text: "\f", end: at + 2 };
      case 0x6e:
        return { text: "\n", end: at + 2 };
      case 0x72:
        return { text: "\r", end: at + 2 };
      case 0x74:
        return { text: "\t", end: at + 2 };
      case 0x75: {
        const unit = this.readHex4(at + 2);
        if (unit === 0) this.refuse("U+0000 (NUL, \\u0000) is not accepted in text", at);
        if (unit >= 0xdc00 && unit <= 0xdfff) this.refuse(`lone UTF-16 surrogate \\u${hex4(unit)} is not accepted in text`, at);
        if (unit >= 0xd800 && unit <= 0xdbff) {
          const low = text.charCodeAt(at + 6) === 0x5c && text.charCodeAt(at + 7) === 0x75 ? this.readHex4(at + 8) : -1;
          if (!(low >= 0xdc00 && low <= 0xdfff))
            this.refuse(
              `lone UTF-16 surrogate \\u${hex4(unit)} is not accepted in text (a high surrogate must be followed by a low one)`,
              at,
            );
          return { text: String.fromCharCode(unit, low), end: at + 12 };
        }
        return { text: String.fromCharCode(unit), end: at + 6 };
      }
      default:
        return this.fail(Number.isNaN(code) ? "unterminated string" : `invalid escape \\${text[at + 1]}`, at);
    }
  }

  private readHex4(at: number): number {
    const digits = this.text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail("invalid \\u escape (four hex digits expected)", at - 2);
    return parseInt(digits, 16);
  }

  private readNumber(): number {
    const text = this.text;
    const start = this.index;
    let index = start;
    if (text.charCodeAt(index) === 0x2d) index += 1;
    const intStart = index;
    if (text.charCodeAt(index) === 0x30) {
      index += 1;
      if (isDigit(text.charCodeAt(index))) this.fail("invalid number (no leading zeros)", index);
    } else if (isDigit(text.charCodeAt(index))) {
      while (isDigit(text.charCodeAt(index))) index += 1;
    } else {
      this.fail("invalid number (a digit must follow '-')", index);
    }
    const intEnd = index;
    let plain = true;
    if (text.charCodeAt(index) === 0x2e /* . */) {
      plain = false;
      index += 1;
      if (!isDigit(text.charCodeAt(index))) this.fail("invalid number (a digit must follow '.')", index);
      while (isDigit(text.charCodeAt(index))) index += 1;
    }
    const e = text.charCodeAt(index);
    if (e === 0x65 || e === 0x45) {
      plain = false;
      index += 1;
      const sign = text.charCodeAt(index);
      if (sign === 0x2b || sign === 0x2d) index += 1;
      if (!isDigit(text.charCodeAt(index))) this.fail("invalid number (a digit must follow the exponent)", index);
      while (isDigit(text.charCodeAt(index))) index += 1;
    }
    this.index = index;
    // Fast path: up to 15 digits, an integer is always exact and within 2^53.
    if (plain && intEnd - intStart <= 15) {
      let value = 0;
      for (let at = intStart; at < intEnd; at += 1) value = value * 10 + (text.charCodeAt(at) - 0x30);
      return intStart === start ? value : -value;
    }
    const literal = text.slice(start, index);
    const value = Number(literal);
    if (plain) {
      if (value > maxSafe || value < -maxSafe)
        this.refuse(`the integer ${literal} is outside ±(2^53−1) and would be rounded; send it as a string`, start);
      return value;
    }
    if (!Number.isFinite(value))
      this.refuse(`the number ${literal} is too large for a double (it would become Infinity); send it as a string`, start);
    // Without an exponent, 16 characters hold at most 15 digits, which a double always keeps.
    if (e !== 0x65 && e !== 0x45 && literal.length <= 16) return value;
    if (!sameDecimal(literal, value))
      this.refuse(`the number ${literal} cannot be held exactly (it would become ${String(value)}); send it as a string`, start);
    return value;
  }

  private skipWhitespace(): void {
    const text = this.text;
    let index = this.index;
    for (;;) {
      const code = text.charCodeAt(index);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) index += 1;
      else break;
    }
    this.index = index;
  }

  private unexpected(expected: string): never {
    const code = this.text.charCodeAt(this.index);
    if (Number.isNaN(code)) return this.fail(`unexpected end of the text (expected ${expected})`, this.index);
    const shown =
      code === 0xfeff ? "a byte order mark (U+FEFF)" : code < 0x20 || code > 0x7e ? `U+${hex4(code)}` : `'${this.text[this.index]}'`;
    return this.fail(`unexpected ${shown} (expected ${expected})`, this.index);
  }

  private fail(reason: string, position: number): never {
    throw this.error("syntax", reason, position);
  }

  private refuse(reason: string, position = this.index): never {
    throw this.error("refused", reason, position);
  }

  private error(kind: "syntax" | "refused", reason: string, position: number): StrictJsonError {
    let line = 1;
    let lineStart = 0;
    for (let at = this.text.indexOf("\n"); at !== -1 && at < position; at = this.text.indexOf("\n", at + 1)) {
      line += 1;
      lineStart = at + 1;
    }
    return new StrictJsonError(kind, reason, [...this.keys], position, line, position - lineStart + 1);
  }
}

// Most batches repeat the same few keys: reusing one string per key spares an allocation and
// V8 the work of interning a fresh copy for every property store. Only short keys, each copied
// flat: a slice would keep the whole request body alive in the cache.
const keyCache: (string | undefined)[] = new Array(1024);
const maxCachedKeyLength = 64;

function cachedKey(text: string, start: number, end: number): string {
  const length = end - start;
  if (length > maxCachedKeyLength) return text.slice(start, end);
  if (length === 0) return "";
  const slot = (length * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(end - 1)) & 1023;
  const cached = keyCache[slot];
  if (cached !== undefined && cached.length === length && text.startsWith(cached, start)) return cached;
  const key = Array.from(text.slice(start, end)).join("");
  keyCache[slot] = key;
  return key;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * Whether the decimal `literal` denotes exactly the value `value` prints as (JavaScript prints the
 * shortest decimal that reads back as the same double). 15 significant digits always survive.
 */
function sameDecimal(literal: string, value: number): boolean {
  const written = decimalParts(literal);
  if (written.digits.length <= 15 && value !== 0 && Math.abs(value) >= 1e-307) return true;
  const held = decimalParts(String(value));
  return (
    written.digits === held.digits && (written.digits === "" || (written.exponent === held.exponent && written.negative === held.negative))
  );
}

/** A decimal as sign, significant digits without leading or trailing zeros, and the exponent of the last digit. */
function decimalParts(text: string): { negative: boolean; digits: string; exponent: number } {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const fraction = match[3] ?? "";
  let digits = match[2]! + fraction;
  let exponent = Number(match[4] ?? 0) - fraction.length;
  digits = digits.replace(/^0+/, "");
  const trimmed = digits.replace(/0+$/, "");
  exponent += digits.length - trimmed.length;
  return { negative: match[1] === "-", digits: trimmed, exponent };
}
