import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db as defaultDb, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { ZText } from "@/lib/input/text";
import { parseInput } from "@/lib/input/parse-input";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { findVersion } from "./find-version";
import { loadSignerPolicy } from "./load-signer-policy";
import { ledgerActor, type TProvenanceActor } from "./provenance-actor";
import { readPublicKey } from "./public-key";
import { describeSigner, type TProvenanceKind, type TVerification } from "./verification-result";
import { verifyAttestation } from "./verify-attestation";
import { verifyModelSignature } from "./verify-model-signature";

/** The largest signature or attestation accepted: model.sig files are a few KiB; SLSA provenance with many dependencies, more. */
export const MAX_PROVENANCE_DOCUMENT_BYTES = 1024 * 1024;

export const ZAttachProvenance = z.object({
  /** The model.sig (Sigstore bundle), DSSE envelope or bundle, as text or as the JSON value itself. */
  document: z.union([ZText.min(1), z.record(z.string(), z.unknown())]),
  /** PEM public key, for key-signed documents whose key the policy does not hold (the policy still decides). */
  publicKey: ZText.max(10_000).optional(),
});
export type TAttachProvenance = z.infer<typeof ZAttachProvenance>;

export type TAttachResult = {
  id: string;
  kind: TProvenanceKind;
  artifactId: string;
  version: number;
  digest: string;
  ledgerSeq: string;
  signed: boolean;
  filesCount: number | null;
} & TVerification;

/**
 * Verifies a signature or attestation for a version and records it, passed or failed: the row,
 * its ledger event and (for a passed model signature) the version's `signed` flag commit together.
 * A document that cannot be read at all is still recorded as failed, so the attempt is visible.
 */
export async function attachProvenance({
  actor,
  artifactId,
  version,
  kind,
  input,
  client = defaultDb(),
}: {
  actor: TProvenanceActor;
  artifactId: string;
  version: number;
  kind: TProvenanceKind;
  input: unknown;
  client?: Db;
}): Promise<TAttachResult> {
  if (actor.kind === "person") assertCapability(actor.principal, "provenance.attach");
  const { document, publicKey: publicKeyPem } = parseInput(ZAttachProvenance, input, "Nothing was attached");
  const text = typeof document === "string" ? document : JSON.stringify(document);
  if (Buffer.byteLength(text) > MAX_PROVENANCE_DOCUMENT_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", `A ${kind} may be at most ${MAX_PROVENANCE_DOCUMENT_BYTES / 1024} KiB.`);
  const publicKey = publicKeyPem ? readPublicKey(publicKeyPem) : undefined;
  const found = await findVersion(client, actor, artifactId, version);
  const policy = await loadSignerPolicy(client, found.artifact.orgId, found.artifact.projectId);
  const check = { text, expectedDigest: found.version.digest, policy, publicKey };
  const verification = kind === "signature" ? verifyModelSignature(check) : verifyAttestation(check);
  const documentSha256 = createHash("sha256").update(text).digest("hex");
  const attachedBy = ledgerActor(actor);
  return client.$transaction(async (tx) => {
    const { seq } = await recordInternalEvent(tx, {
      orgId: found.artifact.orgId,
      action: kind === "signature" ? "model_version.signature.verify" : "model_version.attestation.verify",
      actor: attachedBy,
      target: { artifactId: found.artifact.id, version: String(found.version.version), digest: found.version.digest },
      outcome:
        verification.verdict === "verified"
          ? { status: "success" }
          : { status: "failure", code: verification.reasonCode, message: verification.reason },
      details: {
        kind,
        format: verification.format,
        method: verification.method,
        signer: describeSigner(verification.signer),
        signerIdentity: verification.signer.identity ?? null,
        signerIssuer: verification.signer.issuer ?? null,
        keyFingerprint: verification.signer.fingerprint ?? null,
        filesCount: verification.files?.length ?? null,
        subjectDigest: verification.subjectDigest ?? null,
        reason: verification.reason ?? null,
        documentSha256,
        ...(verification.builderId ? { builderId: verification.builderId, buildType: verification.buildType } : {}),
      },
    });
    const row = await tx.versionProvenance.create({
      data: {
        orgId: found.artifact.orgId,
        versionId: found.version.id,
        kind,
        format: verification.format ?? "unknown",
        method: verification.method,
        verdict: verification.verdict,
        reasonCode: verification.reasonCode ?? null,
        reason: verification.reason ?? null,
        signerIdentity: verification.signer.identity ?? null,
        signerIssuer: verification.signer.issuer ?? null,
        keyFingerprint: verification.signer.fingerprint ?? null,
        subjectDigest: verification.subjectDigest ?? null,
        filesCount: verification.files?.length ?? null,
        files: verification.files ?? undefined,
        predicateType: verification.predicateType ?? null,
        builderId: verification.builderId ?? null,
        buildType: verification.buildType ?? null,
        dependencies: verification.dependencies ?? undefined,
        document: text,
        documentSha256,
        ledgerSeq: seq,
        attachedById: attachedBy.id,
        attachedByType: attachedBy.type,
        attachedByName: attachedBy.display,
      },
      select: { id: true },
    });
    // `signed` is set here and only here: by a model signature that passed.
    const signed = found.version.signed || (kind === "signature" && verification.verdict === "verified");
    if (signed && !found.version.signed) await tx.artifactVersion.update({ where: { id: found.version.id }, data: { signed: true } });
    return {
      id: row.id,
      kind,
      artifactId: found.artifact.id,
      version: found.version.version,
      digest: found.version.digest,
      ledgerSeq: seq.toString(),
      signed,
      filesCount: verification.files?.length ?? null,
      ...verification,
    };
  });
}
