import os from "node:os";

// RFC 5424 messages, framed by octet counting (RFC 6587 §3.4.1, RFC 5425 §4.3). Facility 13
// (log audit). Pure but for the host name, so the format is unit-tested against a strict parser.

export const SYSLOG_FACILITY = 13;
export const SD_ID = "custody@32473";

export type TSyslogSeverity = "low" | "medium" | "high" | "critical" | "info";
/** RFC 5424 severities: 2 Critical, 3 Error, 4 Warning, 5 Notice, 6 Informational. */
const severityCodes: Record<TSyslogSeverity, number> = { critical: 2, high: 3, medium: 4, low: 5, info: 6 };

export type TSyslogInput = {
  severity: TSyslogSeverity;
  /** ALERT, EVENT or TEST: RFC 5424 MSGID, printable ASCII up to 32 characters. */
  msgId: string;
  at: Date;
  params: Record<string, string | number | bigint | undefined>;
  /** The JSON payload (OCSF), sent as MSG after a UTF-8 byte order mark. */
  body: string;
  hostname?: string;
};

/** The RFC 5424 message as bytes. */
export function formatSyslogMessage(input: TSyslogInput): Buffer {
  const pri = SYSLOG_FACILITY * 8 + severityCodes[input.severity];
  const header = [
    `<${pri}>1`,
    input.at.toISOString(),
    headerField(input.hostname ?? os.hostname(), 255),
    "custody",
    String(process.pid),
    headerField(input.msgId, 32),
  ].join(" ");
  const params = Object.entries(input.params)
    .filter((entry): entry is [string, string | number | bigint] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeParamValue(String(value))}"`)
    .join("");
  return Buffer.concat([
    Buffer.from(`${header} [${SD_ID}${params}] `, "utf8"),
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(input.body, "utf8"),
  ]);
}

/** Octet-counting frame: "<length> <message>". */
export function frameOctetCounted(message: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${message.length} `, "ascii"), message]);
}

/** RFC 5424 §6.3.3: inside PARAM-VALUE, '"', '\' and ']' are escaped with a backslash. */
export function escapeParamValue(value: string): string {
  return value.replace(/["\\\]]/g, (character) => `\\${character}`);
}

/** Header fields are PRINTUSASCII (33–126) with a length limit; anything else becomes "-"-free placeholders. */
function headerField(value: string, max: number): string {
  const printable = value.replace(/[^\x21-\x7e]/g, "_").slice(0, max);
  return printable === "" ? "-" : printable;
}
