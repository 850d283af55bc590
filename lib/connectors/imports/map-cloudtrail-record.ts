import { normalizeDigest } from "@/lib/ingest/normalize-digest";

// CloudTrail records Custody imports: S3 GetObject/PutObject data events (s3 and S3 on Outposts)
// on model buckets, mapped by bucket and prefix rules (`s3://bucket/prefix*`), and SageMaker's
// CreateModel, CreateEndpoint and UpdateEndpoint (`sagemaker:<name>`). Others are skipped.

export type TImportedChange = {
  /** The source's own id (CloudTrail eventID, a W&B line's hash), from which the event id derives. */
  sourceId: string;
  subject: string | null;
  /** Records not matching a rule are skipped (S3: most objects are not models) or kept without an artifact. */
  requireRule: boolean;
  event: {
    occurredAt: string;
    source: { system: string; component?: string };
    interface: "storage" | "api" | "serving" | "registry";
    action: string;
    actor: { id: string; type: "user" | "service"; display?: string };
    target?: { version?: string; digest?: string; uri?: string };
    outcome: { status: "success" | "failure" | "denied"; code?: string; message?: string };
    network?: { sourceIp?: string; userAgent?: string };
    requestId?: string;
    details: Record<string, unknown>;
  };
};

type TRecord = Record<string, unknown>;
const text = (value: unknown, max = 500): string | undefined =>
  typeof value === "string" && value !== "" ? value.slice(0, max) : undefined;
const object = (value: unknown): TRecord =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as TRecord) : {};

const s3Actions: Record<string, string> = { GetObject: "object.get", PutObject: "object.put" };
const sagemakerActions: Record<string, { action: string; name: string }> = {
  CreateModel: { action: "model.create", name: "modelName" },
  CreateEndpoint: { action: "endpoint.create", name: "endpointName" },
  UpdateEndpoint: { action: "endpoint.update", name: "endpointName" },
};

/** A skip reason, or the change one record makes. */
export function mapCloudTrailRecord(record: unknown): TImportedChange | { skip: string } {
  const r = object(record);
  const eventId = text(r.eventID, 200);
  const eventName = text(r.eventName, 100);
  const eventSource = text(r.eventSource, 100);
  const time = text(r.eventTime, 40);
  if (!eventId || !eventName || !eventSource || !time || Number.isNaN(Date.parse(time)))
    return { skip: "not a CloudTrail record (eventID, eventName, eventSource, eventTime)" };
  const request = object(r.requestParameters);
  const response = object(r.responseElements);
  let subject: string;
  let action: string;
  let requireRule: boolean;
  let digest: string | undefined;
  let uri: string | undefined;
  let iface: TImportedChange["event"]["interface"];
  if ((eventSource === "s3.amazonaws.com" || eventSource === "s3-outposts.amazonaws.com") && s3Actions[eventName]) {
    const bucket = text(request.bucketName, 300);
    const key = text(request.key, 1500) ?? text(request.Key, 1500);
    if (!bucket || !key) return { skip: `${eventName} without bucketName and key` };
    subject = `s3://${bucket}/${key}`;
    uri = subject;
    action = s3Actions[eventName]!;
    requireRule = true;
    iface = "storage";
    // S3's full-object SHA-256 checksum is base64; as hex it is the content digest.
    const checksum = text(request["x-amz-checksum-sha256"]) ?? text(response["x-amz-checksum-sha256"]);
    if (checksum && /^[A-Za-z0-9+/]{43}=$/.test(checksum))
      digest = normalizeDigest(Buffer.from(checksum, "base64").toString("hex")) ?? undefined;
  } else if (eventSource === "sagemaker.amazonaws.com" && sagemakerActions[eventName]) {
    const { action: mapped, name } = sagemakerActions[eventName]!;
    const resource = text(request[name], 300);
    if (!resource) return { skip: `${eventName} without ${name}` };
    subject = `sagemaker:${resource}`;
    uri = text(response.modelArn, 2000) ?? text(response.endpointArn, 2000);
    action = mapped;
    requireRule = false;
    iface = mapped.startsWith("endpoint") ? "serving" : "registry";
  } else {
    return { skip: `${eventSource} ${eventName} is not imported` };
  }
  const identity = object(r.userIdentity);
  const human = ["IAMUser", "Root", "IdentityCenterUser", "SAMLUser", "WebIdentityUser"].includes(String(identity.type));
  const errorCode = text(r.errorCode, 100);
  const outcome: TImportedChange["event"]["outcome"] = errorCode
    ? {
        status: /denied|unauthorized|forbidden/i.test(errorCode) ? "denied" : "failure",
        code: errorCode,
        ...(text(r.errorMessage, 1000) ? { message: text(r.errorMessage, 1000)! } : {}),
      }
    : { status: "success" };
  return {
    sourceId: eventId,
    subject,
    requireRule,
    event: {
      occurredAt: new Date(Date.parse(time)).toISOString(),
      source: { system: "aws", component: eventSource },
      interface: iface,
      action,
      actor: {
        id: text(identity.arn, 200) ?? text(identity.principalId, 200) ?? text(identity.invokedBy, 200) ?? "aws:unknown",
        type: human ? "user" : "service",
        ...(text(identity.userName, 200) ? { display: text(identity.userName, 200)! } : {}),
      },
      target: { ...(digest ? { digest } : {}), ...(uri ? { uri } : {}) },
      outcome,
      network: {
        ...(text(r.sourceIPAddress, 64) ? { sourceIp: text(r.sourceIPAddress, 64)! } : {}),
        ...(text(r.userAgent) ? { userAgent: text(r.userAgent)! } : {}),
      },
      ...(text(r.requestID, 200) ? { requestId: text(r.requestID, 200)! } : {}),
      details: {
        cloudtrail: {
          eventID: eventId,
          eventName,
          awsRegion: text(r.awsRegion, 50) ?? null,
          recipientAccountId: text(r.recipientAccountId, 20) ?? null,
          eventCategory: text(r.eventCategory, 20) ?? null,
          versionId: text(response["x-amz-version-id"], 200) ?? null,
        },
      },
    },
  };
}
