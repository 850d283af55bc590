import "server-only";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { TCaller } from "@/lib/auth/caller";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { isImportKind } from "../connector-vocabulary";
import { runImport, type TImportSummary } from "./run-import";

/** The largest upload the import API streams through (CLI imports have no limit). */
export const maxImportBytes = 512 * 1024 * 1024;
const acceptedTypes = [
  "application/json",
  "application/gzip",
  "application/x-gzip",
  "application/x-ndjson",
  "application/jsonl",
  "application/octet-stream",
];

/** One uploaded log file, streamed into runImport for the caller's connector. */
export async function importFromRequest({
  caller,
  connectorId,
  name,
  restart,
  request,
}: {
  caller: TCaller;
  connectorId: string;
  name?: string;
  restart: boolean;
  request: Request;
}): Promise<TImportSummary> {
  if (caller.kind === "person") assertCapability(caller.principal, "connectors.manage");
  const orgId = caller.kind === "person" ? caller.principal.orgId : caller.token.orgId;
  const connector = await db().connector.findFirst({
    where: { id: connectorId, orgId },
    select: { id: true, kind: true, name: true, createdById: true, disabledAt: true },
  });
  if (!connector) throw new AppError("NOT_FOUND", "There is no such connector.");
  if (!isImportKind(connector.kind))
    throw new AppError("CONFLICT", `Connector "${connector.name}" receives webhooks; imports go through a CloudTrail or W&B connector.`);
  if (connector.disabledAt) throw new AppError("CONFLICT", `Connector "${connector.name}" is disabled.`);
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!acceptedTypes.includes(type))
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the log file as ${acceptedTypes.slice(0, 4).join(", ")}, not ${type || "without a content type"}.`,
    );
  if (Number(request.headers.get("content-length") ?? 0) > maxImportBytes)
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `At most ${maxImportBytes / 1024 / 1024} MiB per upload; split the file or use custody import on the server.`,
    );
  if (!request.body) throw new AppError("INVALID_INPUT", "The body is empty: send the log file.");
  const body = request.body;
  let seen = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.byteLength;
      if (seen > maxImportBytes) done(new AppError("PAYLOAD_TOO_LARGE", `The upload is larger than ${maxImportBytes / 1024 / 1024} MiB.`));
      else done(null, chunk);
    },
  });
  const startedBy = caller.kind === "person" ? `user:${caller.principal.userId}` : `service_account:${caller.token.serviceAccountId}`;
  return runImport({
    client: db(),
    orgId,
    connector: { ...connector, kind: connector.kind },
    files: [{ name: name ?? "upload", open: () => Readable.fromWeb(body as NodeReadableStream).pipe(capped) }],
    input: `api:${name ?? "upload"}`,
    startedBy,
    restart,
  });
}
