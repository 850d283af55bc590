import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/input/parse-input";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { readPublicKey } from "./public-key";
import { ZSignerPolicyEntryInput } from "./signer-policy-input";

/** Allows an identity (SAN + issuer) or a public key to sign a project's models; recorded in the ledger with the change. */
export async function addSignerPolicyEntry({ principal, input }: { principal: TPrincipal; input: unknown }) {
  assertCapability(principal, "provenance.policy.manage");
  const entry = parseInput(ZSignerPolicyEntryInput, input, "The signer was not added");
  const project = await db().project.findFirst({
    where: { orgId: principal.orgId, id: entry.projectId },
    select: { id: true, name: true },
  });
  if (!project) throw new AppError("NOT_FOUND", "No such project.");
  let key: ReturnType<typeof readPublicKey> | undefined;
  if (entry.kind === "key") {
    try {
      key = readPublicKey(entry.publicKeyPem);
    } catch (error) {
      if (error instanceof AppError)
        throw new AppError("INVALID_INPUT", error.message, { fieldErrors: [{ field: "publicKeyPem", message: error.message }] });
      throw error;
    }
  }
  const data =
    entry.kind === "identity"
      ? { kind: "identity", identity: entry.identity, issuer: entry.issuer, label: entry.label || entry.identity }
      : { kind: "key", publicKeyPem: key!.pem, fingerprint: key!.fingerprint, label: entry.label || `${key!.curve} key` };
  return db().$transaction(async (tx) => {
    const duplicate = await tx.signerPolicyEntry.findFirst({
      where:
        entry.kind === "identity"
          ? { orgId: principal.orgId, projectId: project.id, kind: "identity", identity: entry.identity, issuer: entry.issuer }
          : { orgId: principal.orgId, projectId: project.id, kind: "key", fingerprint: key!.fingerprint },
      select: { id: true },
    });
    if (duplicate)
      throw new AppError("CONFLICT", `${project.name}'s signer policy already allows this ${entry.kind === "key" ? "key" : "identity"}.`);
    const created = await tx.signerPolicyEntry.create({
      data: { orgId: principal.orgId, projectId: project.id, createdById: principal.userId, ...data },
    });
    await recordInternalEvent(tx, {
      action: "signer_policy.allow",
      ...recordedBy(principal),
      target: { uri: `custody:project/${project.id}` },
      details: {
        project: project.name,
        kind: created.kind,
        label: created.label,
        identity: created.identity,
        issuer: created.issuer,
        fingerprint: created.fingerprint,
      },
    });
    return { id: created.id, message: `${created.label} may now sign ${project.name}'s models.` };
  });
}
