import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { deframeOctetCounted } from "./rfc5424";

// Real receivers on localhost for the forwarding tests and journeys: a webhook endpoint whose
// behaviour a test switches (answer, fail, hang, redirect), and a syslog listener over TCP or TLS.

export type TReceivedWebhook = { headers: Record<string, string>; body: string; at: number };
export type TWebhookBehaviour = "ok" | "fail" | "hang" | "redirect";

export async function startWebhookReceiver(initial: TWebhookBehaviour = "ok") {
  let behaviour = initial;
  const received: TReceivedWebhook[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      received.push({ headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      if (behaviour === "hang") {
        hanging.add(response);
        return;
      }
      if (behaviour === "redirect") {
        response.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" }).end();
        return;
      }
      if (behaviour === "fail") {
        response.writeHead(503, { "content-type": "text/plain" }).end("receiver overloaded ".repeat(200));
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/custody`,
    received,
    setBehaviour: (next: TWebhookBehaviour) => {
      behaviour = next;
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A self-signed certificate for syslog.test, localhost and 127.0.0.1 (openssl, valid a day). */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "custody-cert-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
        "-days",
        "1",
        "-subj",
        "/CN=syslog.test",
        "-addext",
        "subjectAltName=DNS:syslog.test,DNS:localhost,IP:127.0.0.1",
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(path.join(dir, "key.pem"), "utf8"), cert: readFileSync(path.join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A syslog listener; `messages` holds every octet-counted message received (deframed per connection). */
export async function startSyslogReceiver(options: { tls?: { key: string; cert: string } } = {}) {
  const messages: Buffer[] = [];
  const errors: string[] = [];
  const sockets = new Set<net.Socket>();
  const onConnection = (socket: net.Socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (error) => errors.push(error.message));
    socket.on("close", () => {
      sockets.delete(socket);
      try {
        messages.push(...deframeOctetCounted(Buffer.concat(chunks)));
      } catch (error) {
        errors.push(String(error));
      }
    });
  };
  const server = options.tls
    ? tls.createServer({ key: options.tls.key, cert: options.tls.cert }, onConnection)
    : net.createServer(onConnection);
  if (options.tls) server.on("tlsClientError", (error) => errors.push(error.message));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `syslog+${options.tls ? "tls" : "tcp"}://127.0.0.1:${port}`,
    port,
    messages,
    errors,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
