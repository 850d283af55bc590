// A strict RFC 5424 parser and an RFC 6587 octet-counting deframer, for tests: what Custody sends
// over syslog must parse here, field by field, or the test fails with the rule it broke.

export type TSyslogMessage = {
  pri: number;
  facility: number;
  severity: number;
  version: number;
  timestamp: string | null;
  hostname: string | null;
  appName: string | null;
  procId: string | null;
  msgId: string | null;
  structuredData: { id: string; params: [string, string][] }[];
  /** MSG as text; `bom` says whether it began with the UTF-8 byte order mark. */
  msg: string | null;
  bom: boolean;
};

/** Splits an octet-counted stream ("LEN SP MSG"…) into messages; throws on a malformed frame. */
export function deframeOctetCounted(stream: Buffer): Buffer[] {
  const messages: Buffer[] = [];
  let at = 0;
  while (at < stream.length) {
    const space = stream.indexOf(0x20, at);
    if (space < 0) throw new Error(`frame at ${at}: no space after MSG-LEN`);
    const lengthText = stream.subarray(at, space).toString("ascii");
    if (!/^[1-9]\d{0,8}$/.test(lengthText)) throw new Error(`frame at ${at}: MSG-LEN "${lengthText}" is not a non-zero decimal`);
    const length = Number(lengthText);
    if (space + 1 + length > stream.length)
      throw new Error(`frame at ${at}: ${length} octets announced, ${stream.length - space - 1} present`);
    messages.push(stream.subarray(space + 1, space + 1 + length));
    at = space + 1 + length;
  }
  return messages;
}

const printUsAscii = (byte: number) => byte >= 33 && byte <= 126;

export function parseRfc5424(message: Buffer): TSyslogMessage {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`RFC 5424 at octet ${at}: ${why}`);
  };
  const expectByte = (byte: number, what: string) => {
    if (message[at] !== byte) fail(`expected ${what}`);
    at += 1;
  };
  const token = (max: number, what: string): string | null => {
    const start = at;
    while (at < message.length && message[at] !== 0x20) {
      if (!printUsAscii(message[at]!)) fail(`${what} holds a byte outside PRINTUSASCII`);
      at += 1;
    }
    const text = message.subarray(start, at).toString("ascii");
    if (text.length === 0) fail(`${what} is empty`);
    if (text.length > max) fail(`${what} is longer than ${max}`);
    return text === "-" ? null : text;
  };

  expectByte(0x3c, "<");
  const priEnd = message.indexOf(0x3e, at);
  if (priEnd < 0 || priEnd - at > 3) fail("PRI is 1 to 3 digits then >");
  const priText = message.subarray(at, priEnd).toString("ascii");
  if (!/^(0|[1-9]\d{0,2})$/.test(priText) || Number(priText) > 191) fail(`PRI "${priText}" is not 0..191 without leading zeros`);
  at = priEnd + 1;
  const versionStart = at;
  while (message[at] !== undefined && message[at]! >= 0x30 && message[at]! <= 0x39) at += 1;
  const versionText = message.subarray(versionStart, at).toString("ascii");
  if (versionText !== "1") fail(`VERSION is "${versionText}", not 1`);
  expectByte(0x20, "SP after VERSION");
  const timestamp = token(64, "TIMESTAMP");
  if (
    timestamp !== null &&
    !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,6})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(
      timestamp,
    )
  )
    fail(`TIMESTAMP "${timestamp}" is not an RFC 3339 timestamp with at most 6 fraction digits`);
  expectByte(0x20, "SP after TIMESTAMP");
  const hostname = token(255, "HOSTNAME");
  expectByte(0x20, "SP after HOSTNAME");
  const appName = token(48, "APP-NAME");
  expectByte(0x20, "SP after APP-NAME");
  const procId = token(128, "PROCID");
  expectByte(0x20, "SP after PROCID");
  const msgId = token(32, "MSGID");
  expectByte(0x20, "SP after MSGID");

  const structuredData: TSyslogMessage["structuredData"] = [];
  if (message[at] === 0x2d) at += 1;
  else {
    if (message[at] !== 0x5b) fail("STRUCTURED-DATA is - or [SD-ELEMENT]");
    while (message[at] === 0x5b) {
      at += 1;
      const id = sdName("SD-ID");
      if (structuredData.some((element) => element.id === id)) fail(`SD-ID ${id} appears twice`);
      const params: [string, string][] = [];
      while (message[at] === 0x20) {
        at += 1;
        const name = sdName("PARAM-NAME");
        expectByte(0x3d, "= after PARAM-NAME");
        expectByte(0x22, '" opening PARAM-VALUE');
        const bytes: number[] = [];
        for (;;) {
          const byte = message[at];
          if (byte === undefined) fail("PARAM-VALUE is not closed");
          if (byte === 0x5c && [0x22, 0x5c, 0x5d].includes(message[at + 1]!)) {
            bytes.push(message[at + 1]!);
            at += 2;
            continue;
          }
          if (byte === 0x22) break;
          if (byte === 0x5d) fail("] inside PARAM-VALUE must be escaped");
          bytes.push(byte!);
          at += 1;
        }
        at += 1;
        params.push([name, decodeUtf8(Buffer.from(bytes), "PARAM-VALUE")]);
      }
      expectByte(0x5d, "] closing SD-ELEMENT");
      structuredData.push({ id, params });
    }
  }
  let msg: string | null = null;
  let bom = false;
  if (at < message.length) {
    expectByte(0x20, "SP before MSG");
    let body = message.subarray(at);
    if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
      bom = true;
      body = body.subarray(3);
    }
    msg = bom ? decodeUtf8(body, "MSG-UTF8") : body.toString("latin1");
  }
  const pri = Number(priText);
  return { pri, facility: pri >> 3, severity: pri & 7, version: 1, timestamp, hostname, appName, procId, msgId, structuredData, msg, bom };

  function sdName(what: string): string {
    const start = at;
    while (at < message.length && printUsAscii(message[at]!) && ![0x3d, 0x20, 0x5d, 0x22].includes(message[at]!)) at += 1;
    const name = message.subarray(start, at).toString("ascii");
    if (name.length < 1 || name.length > 32) fail(`${what} "${name}" must be 1 to 32 characters`);
    return name;
  }
  function decodeUtf8(bytes: Buffer, what: string): string {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return fail(`${what} is not valid UTF-8`);
    }
  }
}

/** One SD-ELEMENT's parameters as an object (the last of a repeated name wins). */
export function sdParams(message: TSyslogMessage, id: string): Record<string, string> {
  const element = message.structuredData.find((candidate) => candidate.id === id);
  if (!element) throw new Error(`no SD-ELEMENT ${id}`);
  return Object.fromEntries(element.params);
}
