import { describe, expect, it } from "vitest";
import { deframeOctetCounted, parseRfc5424, sdParams } from "@/test/support/rfc5424";
import { escapeParamValue, formatSyslogMessage, frameOctetCounted } from "./syslog-message";
import { retryDelayMs } from "./retry-delay";

const at = new Date("2026-12-06T10:15:30.123Z");

describe("RFC 5424 messages", () => {
  it("carry PRI from severity, VERSION 1, an RFC 3339 time, custody as APP-NAME, the SD element and a BOM before the JSON", () => {
    const bytes = formatSyslogMessage({
      severity: "critical",
      msgId: "ALERT",
      at,
      hostname: "custody-1.example.com",
      params: { alertId: "alr_1", detector: "mass_download", seq: 42n, skipped: undefined },
      body: '{"class_uid":2004,"message":"ünïcode ✓"}',
    });
    const message = parseRfc5424(bytes);
    expect(message).toMatchObject({
      pri: 106,
      facility: 13,
      severity: 2,
      version: 1,
      timestamp: "2026-12-06T10:15:30.123Z",
      hostname: "custody-1.example.com",
      appName: "custody",
      procId: String(process.pid),
      msgId: "ALERT",
      bom: true,
      msg: '{"class_uid":2004,"message":"ünïcode ✓"}',
    });
    expect(sdParams(message, "custody@32473")).toEqual({ alertId: "alr_1", detector: "mass_download", seq: "42" });
  });

  it('escapes ", \\ and ] in PARAM-VALUE (§6.3.3) so hostile values parse back unchanged', () => {
    const hostile = 'a"b\\c]d [x="y"] \u00e9';
    expect(escapeParamValue('"\\]')).toBe('\\"\\\\\\]');
    const message = parseRfc5424(
      formatSyslogMessage({ severity: "low", msgId: "EVENT", at, hostname: "h", params: { value: hostile }, body: "{}" }),
    );
    expect(sdParams(message, "custody@32473").value).toBe(hostile);
    expect(message.severity).toBe(5);
  });

  it("keeps header fields printable ASCII whatever the host name", () => {
    const message = parseRfc5424(
      formatSyslogMessage({ severity: "info", msgId: "TEST", at, hostname: "hôte local", params: {}, body: "{}" }),
    );
    expect(message.hostname).toBe("h_te_local");
    expect(message.severity).toBe(6);
  });

  it("frames by octet count (bytes, not characters), and the strict parser refuses broken messages", () => {
    const one = formatSyslogMessage({ severity: "high", msgId: "ALERT", at, hostname: "h", params: { note: "✓✓" }, body: '{"x":"✓"}' });
    const two = formatSyslogMessage({ severity: "low", msgId: "EVENT", at, hostname: "h", params: {}, body: "{}" });
    const stream = Buffer.concat([frameOctetCounted(one), frameOctetCounted(two)]);
    expect(stream.subarray(0, String(one.length).length).toString()).toBe(String(one.length));
    expect(deframeOctetCounted(stream).map((message) => parseRfc5424(message).msgId)).toEqual(["ALERT", "EVENT"]);
    expect(() => parseRfc5424(Buffer.from("<13>2 - - - - - -"))).toThrow(/VERSION/);
    expect(() => parseRfc5424(Buffer.from('<13>1 - - - - - [a b="c]"]'))).toThrow(/must be escaped/);
    expect(() => parseRfc5424(Buffer.from("<192>1 - - - - - -"))).toThrow(/PRI/);
    expect(() => deframeOctetCounted(Buffer.from("99 short"))).toThrow(/announced/);
  });
});

describe("retry delays", () => {
  it("double from the base with half of each delay random, capped at an hour", () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30, 30_000, () => 1)).toBe(3_600_000);
  });
});
