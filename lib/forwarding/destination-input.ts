import { X509Certificate } from "node:crypto";
import { z } from "zod";
import { ZText, blankToUndefined } from "@/lib/input/text";

// What an administrator fills in for a forwarding destination. Pure: validated in the domain and
// unit-tested; every refusal names the field and what to write instead.

export const forwardKinds = ["webhook", "syslog"] as const;
export const alertSeverities = ["low", "medium", "high", "critical"] as const;
export const eventOutcomes = ["success", "failure", "denied"] as const;

export type TSyslogEndpoint = { transport: "tcp" | "tls"; host: string; port: number };

const hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const ipv6Pattern = /^\[[0-9A-Fa-f:.]{2,45}\]$/;

/** `syslog+tcp://host:port` or `syslog+tls://host:port`, or null with why. */
export function parseSyslogEndpoint(text: string): TSyslogEndpoint | string {
  const match = /^syslog\+(tcp|tls):\/\/([^/?#@:\s[\]]+|\[[^\]\s]*\])(?::([^/?#\s]*))?\/?$/i.exec(text);
  if (!match) return "Write a syslog endpoint as syslog+tcp://host:port or syslog+tls://host:port.";
  const [, transport, host, port] = match;
  if (!hostPattern.test(host!) && !ipv6Pattern.test(host!)) return "The host is not a valid host name or IP address.";
  if (port === undefined || port === "") return "Give the port, e.g. syslog+tls://siem.example.com:6514.";
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return "The port must be a number from 1 to 65535.";
  return { transport: transport!.toLowerCase() as "tcp" | "tls", host: host!.replace(/^\[|\]$/g, ""), port: Number(port) };
}

/** An http(s) URL with a host and no credentials, or why not. */
export function checkWebhookUrl(text: string): string | null {
  if (/\s/.test(text)) return "The URL contains spaces or control characters.";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "Write a full URL such as https://siem.example.com/hooks/custody.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return `Only http and https URLs can receive webhooks, not ${url.protocol.replace(/:$/, "")}.`;
  if (!url.hostname) return "The URL has no host.";
  if (url.username || url.password)
    return "Remove the user name and password from the URL: requests are signed with the destination's secret instead.";
  if (url.hash) return "Remove the #fragment: it is never sent to the receiver.";
  return null;
}

const ZName = ZText.trim()
  .min(2, { error: "Name the destination, e.g. Splunk HEC or SOC syslog.", abort: true })
  .max(80, "Keep the name under 80 characters.");

const ZToken = (what: string, max: number) =>
  ZText.trim()
    .min(1)
    .max(max, `Keep each ${what} under ${max} characters.`)
    .regex(/^[A-Za-z0-9_.:\-/]+$/, `A ${what} holds letters, digits and _ . : - / only.`);

/** Comma- or newline-separated text, or a list, as a list of trimmed non-empty items. */
const listFrom = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(/[\s,]+/)
        .map((item) => item.trim())
        .filter(Boolean)
    : value === undefined || value === null
      ? []
      : value;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const ZEventFilter = z.strictObject({
  actions: z.preprocess(listFrom, z.array(ZToken("action", 100)).max(50, "Name at most 50 actions.")).default([]),
  actionPrefix: optional(ZToken("action prefix", 100)),
  environment: optional(ZToken("environment", 100)),
  artifactId: optional(ZToken("artifact id", 200)),
  outcome: optional(z.enum(eventOutcomes, { error: "Choose success, failure or denied." })),
});
export type TEventFilter = z.output<typeof ZEventFilter>;

const ZDestinationFields = z.strictObject({
  name: ZName,
  kind: z.enum(forwardKinds, { error: "Choose a webhook or syslog destination." }),
  endpoint: ZText.trim()
    .min(1, { error: "Give the endpoint the messages go to.", abort: true })
    .max(2048, "Keep the endpoint under 2048 characters."),
  tlsCaPem: optional(ZText.trim().max(65536, "The CA certificate is too long (over 64 KiB).")),
  tlsServerName: optional(ZText.trim().max(253).regex(hostPattern, "The server name is a DNS name such as siem.example.com.")),
  forwardAlerts: z.boolean({ error: "Say whether alerts are forwarded." }).default(true),
  minSeverity: z.enum(alertSeverities, { error: "Choose the lowest severity to forward." }).default("medium"),
  detectors: z.preprocess(listFrom, z.array(ZToken("detector", 64)).max(50, "Name at most 50 detectors.")).default([]),
  forwardEvents: z.boolean({ error: "Say whether ledger events are forwarded." }).default(false),
  eventFilter: z.preprocess((value) => value ?? {}, ZEventFilter),
});

/** A destination as configured, checked field by field (endpoint against kind, TLS fields against transport). */
export const ZDestinationInput = ZDestinationFields.superRefine((input, context) => {
  const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
  if (input.kind === "webhook") {
    const problem = checkWebhookUrl(input.endpoint);
    if (problem) issue("endpoint", problem);
    if (input.tlsCaPem) issue("tlsCaPem", "A CA certificate applies to syslog over TLS only.");
    if (input.tlsServerName) issue("tlsServerName", "A server name applies to syslog over TLS only.");
  } else {
    const parsed = parseSyslogEndpoint(input.endpoint);
    if (typeof parsed === "string") issue("endpoint", parsed);
    else if (parsed.transport === "tcp" && (input.tlsCaPem || input.tlsServerName))
      issue(input.tlsCaPem ? "tlsCaPem" : "tlsServerName", "TLS settings need a syslog+tls:// endpoint.");
    if (input.tlsCaPem && !isCertificate(input.tlsCaPem)) issue("tlsCaPem", "Paste a PEM certificate (-----BEGIN CERTIFICATE----- …).");
  }
  if (!input.forwardAlerts && !input.forwardEvents)
    issue("forwardAlerts", "Forward alerts, ledger events, or both: otherwise nothing is sent.");
});

export type TDestinationInput = z.output<typeof ZDestinationInput>;

function isCertificate(pem: string): boolean {
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) return false;
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}
