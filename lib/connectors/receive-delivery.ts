import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { webhookEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { ZEvent } from "@/lib/ingest/event-schema";
import { parseEventBatch } from "@/lib/ingest/parse-event-batch";
import { readRawBody } from "@/lib/http/read-body";
import { admitBeforeAuthentication, recordAuthenticationFailure, recordAuthenticationSuccess } from "@/lib/http/request-limits";
import { parseStrictJson, StrictJsonError } from "@/lib/json/parse-strict-json";
import { appendRecords } from "@/lib/ledger/append-records";
import type { TLedgerRecord } from "@/lib/ledger/ledger-record";
import type { ConnectorDeliveryStatus } from "@/lib/generated/prisma/enums";
import { openConnectorSecret } from "./connector-secret-box";
import { connectorKindLabels, type TWebhookKind } from "./connector-vocabulary";
import { deliveryEventId } from "./delivery-event-id";
import { mapHuggingfaceDelivery } from "./map-huggingface-delivery";
import { mapJfrogDelivery } from "./map-jfrog-delivery";
import { mapMlflowDelivery } from "./map-mlflow-delivery";
import { matchMappingRule } from "./match-mapping-rule";
import { recordDelivery, type TDeliveryRecord } from "./record-delivery";
import { UnmappablePayload, type TMappedDelivery } from "./registry-change";
import { ensureArtifact, applyCatalogueChange } from "./sync-catalogue";
import { verifyMlflowSignature, verifySharedSecretHeader, verifyStandardWebhookSignature, type TSignatureCheck } from "./verify-signature";

export type TDeliveryAnswer = {
  status: "mapped" | "duplicate";
  connectorId: string;
  deliveryId: string | null;
  artifactId: string | null;
  events: { eventId: string; seq: string; status: "appended" | "duplicate" }[];
};

type TConnector = {
  id: string;
  orgId: string;
  kind: TWebhookKind;
  name: string;
  sealedSecret: string;
  createdById: string;
  disabledAt: Date | null;
};

/**
 * One webhook delivery, start to end: size, content type, signature (the authentication), strict
 * JSON, mapping to the unified event through the connector's rules, then the catalogue change and
 * the append in one transaction. Whatever happens is written to the connector's delivery log;
 * anything refused appends nothing and answers problem details (thrown as AppError).
 */
export async function receiveDelivery({
  kind,
  connectorId,
  request,
  now = new Date(),
}: {
  kind: TWebhookKind;
  connectorId: string;
  request: Request;
  now?: Date;
}): Promise<{ status: number; answer: TDeliveryAnswer }> {
  // The signature is the authentication: the same budgets as tokens (per connector, and failed
  // signatures per address and overall), checked before anything is read or logged.
  const admission = admitBeforeAuthentication(request, `webhook:${connectorId}`);
  // Connector ids are unique across organisations: the connector says whose ledger this is.
  const found = await db().connector.findFirst({
    where: { id: connectorId, kind },
    select: { id: true, orgId: true, kind: true, name: true, sealedSecret: true, createdById: true, disabledAt: true },
  });
  if (!found)
    throw new AppError(
      "NOT_FOUND",
      `There is no ${connectorKindLabels[kind]} connector ${connectorId.slice(0, 40)} here; check the webhook URL.`,
    );
  const connector = found as TConnector;
  const orgId = connector.orgId;
  const log: Omit<TDeliveryRecord, "status" | "httpStatus"> = {
    orgId,
    connectorId,
    deliveryId: null,
    bodySha256: "",
    bodyBytes: Number(request.headers.get("content-length") ?? 0) || 0,
  };
  const refuse = async (error: AppError, status: ConnectorDeliveryStatus = "refused", extra: Partial<TDeliveryRecord> = {}) => {
    await recordDelivery(db(), { ...log, ...extra, status, httpStatus: error.status, reason: error.message });
    return error;
  };

  if (connector.disabledAt)
    throw await refuse(
      new AppError(
        "FORBIDDEN",
        `Connector "${connector.name}" is disabled; nothing was appended. Enable a new connector or stop the sender.`,
      ),
    );
  let body: Uint8Array;
  try {
    body = await readRawBody(request, webhookEnv().CUSTODY_WEBHOOK_MAX_BYTES);
  } catch (error) {
    throw isAppError(error) ? await refuse(error) : error;
  }
  log.bodySha256 = createHash("sha256").update(body).digest("hex");
  log.bodyBytes = body.byteLength;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const accepted = kind === "standard_webhooks" ? ["application/json", "application/x-ndjson"] : ["application/json"];
  if (!accepted.includes(type))
    throw await refuse(
      new AppError(
        "UNSUPPORTED_MEDIA_TYPE",
        `Content-Type ${type.slice(0, 60) || "(none)"} is not accepted; the sender must post ${accepted.join(" or ")}.`,
      ),
    );

  const check = checkSignature(kind, request.headers, body, openConnectorSecret(connector.sealedSecret), now);
  if (!check.ok) recordAuthenticationFailure(admission);
  else recordAuthenticationSuccess(admission);
  if (!check.ok)
    throw await refuse(
      new AppError("UNAUTHORIZED", `The delivery's signature was refused: ${check.reason}. Nothing was appended.`),
      "bad_signature",
    );
  log.deliveryId = check.deliveryId;

  if (kind === "standard_webhooks") return appendCustodyEvents({ connector, body, type, log, refuse });

  let payload: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    payload = parseStrictJson(text);
  } catch (error) {
    const reason =
      error instanceof StrictJsonError ? `the body is not valid JSON as Custody reads it: ${error.message}` : "the body is not valid UTF-8";
    throw await refuse(new AppError("INVALID_INPUT", `${cap(reason)}; nothing was appended.`));
  }
  let mapped: TMappedDelivery;
  try {
    mapped = mapPayload(kind, payload, check, log.bodySha256, now);
  } catch (error) {
    if (!(error instanceof UnmappablePayload)) throw error;
    throw await refuse(new AppError("INVALID_INPUT", `${cap(error.message)}; nothing was appended.`));
  }
  log.eventType = mapped.eventType;
  log.subject = mapped.changes[0]?.subject ?? null;
  log.deliveryId ??= mapped.sourceId;

  const rules = await db().connectorMappingRule.findMany({ where: { connectorId }, orderBy: { position: "asc" } });
  const targets = mapped.changes.map((change) => ({ change, rule: matchMappingRule(rules, change.subject) }));
  const unmapped = targets.find((target) => !target.rule);
  if (unmapped)
    throw await refuse(
      new AppError(
        "INVALID_INPUT",
        `No mapping rule of connector "${connector.name}" matches "${unmapped.change.subject.slice(0, 200)}"; add one on the connector's page. Nothing was appended.`,
        {
          fieldErrors: [{ field: "subject", message: "no mapping rule matches" }],
        },
      ),
    );

  const payloadText = Buffer.from(body).toString("utf8");
  const keep = webhookEnv().CUSTODY_WEBHOOK_KEEP_BYTES;
  const kept = payloadText.length > keep ? payloadText.slice(0, keep).toWellFormed() : payloadText;
  try {
    const result = await db().$transaction(async (tx) => {
      const eventIds = targets.map((_, index) => deliveryEventId(connector.id, mapped.sourceId, index));
      const existing = await tx.ledgerEntry.findMany({ where: { orgId, eventId: { in: eventIds } }, select: { eventId: true, seq: true } });
      if (existing.length === eventIds.length) return { duplicate: true as const, existing };
      const records: TLedgerRecord[] = [];
      let artifactId: string | null = null;
      for (const [index, { change, rule }] of targets.entries()) {
        const artifact = await ensureArtifact(tx, {
          orgId,
          projectId: rule!.projectId,
          artifactName: rule!.artifactName ?? change.subject,
          ownerId: connector.createdById,
        });
        artifactId ??= artifact.id;
        const number = change.catalogue
          ? await applyCatalogueChange(tx, { orgId, artifactId: artifact.id, change: change.catalogue })
          : null;
        const version = number !== null ? String(number) : change.version;
        const event = ZEvent.parse({
          schemaVersion: 1,
          eventId: eventIds[index],
          occurredAt: change.occurredAt,
          source: { system: kind, component: `connector:${connector.id}` },
          interface: "registry",
          action: change.action,
          actor: change.actor ?? {
            id: `connector:${connector.id}`,
            type: "service",
            display: `${connectorKindLabels[kind]} (connector ${connector.name})`.slice(0, 200),
          },
          target: {
            artifactId: artifact.id,
            ...(version ? { version } : {}),
            ...(change.digest ? { digest: change.digest } : {}),
            ...(change.uri ? { uri: change.uri } : {}),
          },
          outcome: { status: "success" },
          ...(log.deliveryId ? { requestId: log.deliveryId.slice(0, 200) } : {}),
          details: {
            ...change.details,
            registry: {
              kind,
              connectorId: connector.id,
              eventType: mapped.eventType,
              subject: change.subject,
              artifactName: artifact.name,
              rule: rule!.pattern,
            },
            payload: { sha256: log.bodySha256, bytes: body.byteLength, truncated: kept.length < payloadText.length, text: kept },
          },
        });
        records.push({
          ...event,
          recordedAt: now.toISOString(),
          submittedBy: { type: "system", id: `connector:${connector.id}` },
        } as TLedgerRecord);
      }
      const appended = await appendRecords(tx, orgId, records);
      await recordDelivery(tx, {
        ...log,
        status: "mapped",
        httpStatus: 201,
        eventIds,
        firstSeq: appended[0]?.seq ?? null,
        artifactId,
      });
      return { duplicate: false as const, appended, artifactId };
    });
    if (result.duplicate) {
      await recordDelivery(db(), {
        ...log,
        status: "duplicate",
        httpStatus: 200,
        reason: "this delivery was already recorded",
        eventIds: result.existing.map((row) => row.eventId),
        firstSeq: result.existing[0]?.seq ?? null,
      });
      return {
        status: 200,
        answer: {
          status: "duplicate",
          connectorId,
          deliveryId: log.deliveryId,
          artifactId: null,
          events: result.existing.map((row) => ({ eventId: row.eventId, seq: row.seq.toString(), status: "duplicate" })),
        },
      };
    }
    return {
      status: 201,
      answer: {
        status: "mapped",
        connectorId,
        deliveryId: log.deliveryId,
        artifactId: result.artifactId,
        events: result.appended.map((row) => ({
          eventId: row.eventId,
          seq: row.seq.toString(),
          status: row.duplicate ? "duplicate" : "appended",
        })),
      },
    };
  } catch (error) {
    if (isAppError(error)) throw await refuse(error);
    if (error instanceof Error && error.name === "ZodError")
      throw await refuse(new AppError("INVALID_INPUT", `The mapped event is not valid: ${cap(error.message)}. Nothing was appended.`));
    throw error;
  }
}

const cap = (text: string) => text.slice(0, 600);

function checkSignature(kind: TWebhookKind, headers: Headers, body: Uint8Array, secret: string, now: Date): TSignatureCheck {
  switch (kind) {
    case "mlflow":
      return verifyMlflowSignature(headers, body, secret, now);
    case "standard_webhooks":
      return verifyStandardWebhookSignature(headers, body, secret, now);
    case "huggingface":
      return verifySharedSecretHeader(headers, "x-webhook-secret", secret);
    case "jfrog":
      return verifySharedSecretHeader(headers, "x-jfrog-event-auth", secret);
  }
}

function mapPayload(
  kind: TWebhookKind,
  payload: unknown,
  check: TSignatureCheck & { ok: true },
  bodySha256: string,
  now: Date,
): TMappedDelivery {
  switch (kind) {
    case "mlflow":
      return mapMlflowDelivery(payload, check.deliveryId!);
    case "huggingface":
      return mapHuggingfaceDelivery(payload, bodySha256, now);
    case "jfrog":
      return mapJfrogDelivery(payload, bodySha256, now);
    case "standard_webhooks":
      throw new UnmappablePayload("Standard Webhooks deliveries carry Custody events");
  }
}

/** Standard Webhooks deliveries carry events in Custody's own schema: the ingest API's validation and append. */
async function appendCustodyEvents({
  connector,
  body,
  type,
  log,
  refuse,
}: {
  connector: TConnector;
  body: Uint8Array;
  type: string;
  log: Omit<TDeliveryRecord, "status" | "httpStatus">;
  refuse: (error: AppError) => Promise<AppError>;
}): Promise<{ status: number; answer: TDeliveryAnswer }> {
  let events;
  try {
    events = parseEventBatch(body, type);
  } catch (error) {
    throw isAppError(error) ? await refuse(error) : error;
  }
  const recordedAt = new Date().toISOString();
  const submittedBy = { type: "system" as const, id: `connector:${connector.id}` };
  const result = await db().$transaction(async (tx) => {
    const appended = await appendRecords(
      tx,
      connector.orgId,
      events.map((event) => ({ ...event, recordedAt, submittedBy }) as TLedgerRecord),
    );
    const duplicate = appended.every((row) => row.duplicate);
    await recordDelivery(tx, {
      ...log,
      status: duplicate ? "duplicate" : "mapped",
      httpStatus: duplicate ? 200 : 201,
      eventType: `custody.events (${events.length})`,
      subject: events[0]?.target?.artifactId ?? null,
      eventIds: appended.map((row) => row.eventId).slice(0, 100),
      firstSeq: appended[0]?.seq ?? null,
      reason: duplicate ? "every event was already recorded" : null,
    });
    return { appended, duplicate };
  });
  return {
    status: result.duplicate ? 200 : 201,
    answer: {
      status: result.duplicate ? "duplicate" : "mapped",
      connectorId: connector.id,
      deliveryId: log.deliveryId,
      artifactId: null,
      events: result.appended.map((row) => ({
        eventId: row.eventId,
        seq: row.seq.toString(),
        status: row.duplicate ? "duplicate" : "appended",
      })),
    },
  };
}
