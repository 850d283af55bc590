import "server-only";
import { z } from "zod";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/input/parse-input";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";

const ZRemove = z.object({ entryId: z.string().min(1).max(100) });

/**
 * Stops allowing a signer. Signatures it made stay as they were verified (the record says when and
 * against which policy); only new verifications see the change. Recorded in the ledger.
 */
export async function removeSignerPolicyEntry({ principal, input }: { principal: TPrincipal; input: unknown }) {
  assertCapability(principal, "provenance.policy.manage");
  const { entryId } = parseInput(ZRemove, input, "The signer was not removed");
  return db().$transaction(async (tx) => {
    const entry = await tx.signerPolicyEntry.findFirst({ where: { id: entryId, orgId: principal.orgId } });
    if (!entry) throw new AppError("NOT_FOUND", "That signer is not in the policy (already removed?).");
    const project = await tx.project.findUniqueOrThrow({ where: { id: entry.projectId }, select: { name: true } });
    await tx.signerPolicyEntry.delete({ where: { id: entry.id } });
    await recordInternalEvent(tx, {
      action: "signer_policy.revoke",
      ...recordedBy(principal),
      target: { uri: `custody:project/${entry.projectId}` },
      details: {
        project: project.name,
        kind: entry.kind,
        label: entry.label,
        identity: entry.identity,
        issuer: entry.issuer,
        fingerprint: entry.fingerprint,
      },
    });
    return { message: `${entry.label} may no longer sign ${project.name}'s models.` };
  });
}
