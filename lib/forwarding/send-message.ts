import "server-only";
import net from "node:net";
import tls from "node:tls";
import { parseSyslogEndpoint } from "./destination-input";
import { formatSyslogMessage, frameOctetCounted, type TSyslogSeverity } from "./syslog-message";
import { signWebhook } from "./webhook-signature";

// One attempt to deliver one message, bounded by a hard timeout: a receiver that hangs (before
// connecting, mid-handshake or mid-answer) costs this attempt its timeout and nothing more.

export const RESPONSE_EXCERPT_BYTES = 1024;

export type TSendTarget = {
  kind: "webhook" | "syslog";
  endpoint: string;
  /** The webhook signing secret (whsec_…), opened just for this attempt. */
  secret: string | null;
  tlsCaPem: string | null;
  tlsServerName: string | null;
};

export type TOutgoingMessage = {
  messageId: string;
  body: string;
  /** alert | event | test */
  kind: string;
  /** Alert messages: create, update or close. */
  activity?: string | null;
  severity: TSyslogSeverity;
  alertId?: string | null;
  detector?: string | null;
  ledgerSeq?: bigint | null;
};

export type TSendResult = { ok: boolean; statusCode: number | null; responseExcerpt: string | null; error: string | null };

export async function sendMessage({
  target,
  message,
  timeoutMs,
  userAgent = "Custody-Forwarder/0.1",
}: {
  target: TSendTarget;
  message: TOutgoingMessage;
  timeoutMs: number;
  userAgent?: string;
}): Promise<TSendResult> {
  return target.kind === "webhook" ? sendWebhook(target, message, timeoutMs, userAgent) : sendSyslog(target, message, timeoutMs);
}

async function sendWebhook(target: TSendTarget, message: TOutgoingMessage, timeoutMs: number, userAgent: string): Promise<TSendResult> {
  if (!target.secret) return failure("The destination has no signing secret: rotate it to create one.");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const headers = signWebhook({
      secret: target.secret,
      messageId: message.messageId,
      timestamp: Math.floor(Date.now() / 1000),
      body: message.body,
    });
    const response = await fetch(target.endpoint, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", "user-agent": userAgent },
      body: message.body,
      // The admin chose this URL; a redirect would let the receiver choose another.
      redirect: "manual",
      signal: controller.signal,
    });
    const excerpt = await readExcerpt(response);
    if (response.status >= 200 && response.status < 300)
      return { ok: true, statusCode: response.status, responseExcerpt: excerpt, error: null };
    const error =
      response.status >= 300 && response.status < 400
        ? `Redirects are not followed (HTTP ${response.status}${response.headers.get("location") ? ` to ${response.headers.get("location")!.slice(0, 200)}` : ""}).`
        : `The receiver answered HTTP ${response.status}.`;
    return { ok: false, statusCode: response.status, responseExcerpt: excerpt, error };
  } catch (error) {
    if (controller.signal.aborted) return failure(`No answer within ${formatSeconds(timeoutMs)} (timed out).`);
    return failure(describeNetworkError(error));
  } finally {
    clearTimeout(timer);
  }
}

async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < RESPONSE_EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  if (size === 0) return null;
  // Cut at the cap, and drop a character split by the cut.
  return Buffer.concat(chunks)
    .subarray(0, RESPONSE_EXCERPT_BYTES)
    .toString("utf8")
    .replace(/\uFFFD$/, "")
    .replace(/\u0000/g, "\uFFFD");
}

function sendSyslog(target: TSendTarget, message: TOutgoingMessage, timeoutMs: number): Promise<TSendResult> {
  const endpoint = parseSyslogEndpoint(target.endpoint);
  if (typeof endpoint === "string") return Promise.resolve(failure(endpoint));
  const frame = frameOctetCounted(
    formatSyslogMessage({
      severity: message.severity,
      msgId: message.kind.toUpperCase(),
      at: new Date(),
      body: message.body,
      params: {
        deliveryId: message.messageId,
        kind: message.kind,
        activity: message.activity ?? undefined,
        alertId: message.alertId ?? undefined,
        detector: message.detector ?? undefined,
        severity: message.severity,
        seq: message.ledgerSeq ?? undefined,
      },
    }),
  );
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: TSendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(failure(`No connection or write within ${formatSeconds(timeoutMs)} (timed out).`)), timeoutMs);
    const isIp = net.isIP(endpoint.host) !== 0;
    const socket =
      endpoint.transport === "tls"
        ? tls.connect({
            host: endpoint.host,
            port: endpoint.port,
            servername: target.tlsServerName ?? (isIp ? undefined : endpoint.host),
            ca: target.tlsCaPem ? [...tls.rootCertificates, target.tlsCaPem] : undefined,
            // Checked against the server name when given, else the endpoint's host.
            checkServerIdentity: (_host, certificate) => tls.checkServerIdentity(target.tlsServerName ?? endpoint.host, certificate),
          })
        : net.connect({ host: endpoint.host, port: endpoint.port });
    socket.on("error", (error) => finish(failure(describeNetworkError(error))));
    socket.once(endpoint.transport === "tls" ? "secureConnect" : "connect", () => {
      socket.end(frame, () => finish({ ok: true, statusCode: null, responseExcerpt: null, error: null }));
    });
  });
}

function failure(error: string): TSendResult {
  return { ok: false, statusCode: null, responseExcerpt: null, error };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A network error in words, with its code (never the request's headers or body). */
export function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === "object" && cause && "code" in cause ? String((cause as { code: unknown }).code) : null;
  const text = cause instanceof Error ? cause.message : String(cause);
  return (code && !text.includes(code) ? `${code}: ${text}` : text).slice(0, 500);
}
