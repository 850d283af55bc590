import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { parseCosignatureVerifierKey } from "./cosignature";
import { NoteError } from "./signed-note";
import { recordInternalEvent } from "./record-internal-event";

// An admin's choices about who outside Custody may read the tree and vouch for it. Each change is
// appended to the ledger in the transaction that makes it.

const actorOf = (principal: TPrincipal) => ({ id: principal.userId, type: "user" as const, display: principal.name });

/** Opens or closes the checkpoint and hash tiles to readers without sign-in. Entry bundles always need ledger.read. */
export async function setLedgerPublication({ principal, publicTiles }: { principal: TPrincipal; publicTiles: boolean }) {
  assertCapability(principal, "ledger.publication.manage");
  const orgId = principal.orgId;
  await db().$transaction(async (tx) => {
    await tx.ledgerPublication.upsert({
      where: { orgId },
      create: { orgId, publicTiles, updatedById: principal.userId },
      update: { publicTiles, updatedById: principal.userId, updatedAt: new Date() },
    });
    await recordInternalEvent(tx, { orgId, action: "ledger.publication.change", actor: actorOf(principal), details: { publicTiles } });
  });
}

/** Accepts cosignatures from the witness with this verifier key (C2SP signed-note key, type 0x04). */
export async function addLedgerWitness({ principal, verifierKey }: { principal: TPrincipal; verifierKey: string }) {
  assertCapability(principal, "ledger.publication.manage");
  const orgId = principal.orgId;
  let parsed;
  try {
    parsed = parseCosignatureVerifierKey(verifierKey);
  } catch (error) {
    const message = error instanceof NoteError ? error.message : "not a verifier key";
    throw new AppError("INVALID_INPUT", "The witness key is not valid.", {
      fieldErrors: [{ field: "verifierKey", message: `${message} (want <name>+<key ID>+base64(0x04 || Ed25519 public key))` }],
    });
  }
  const vkey = verifierKey.trim();
  return db().$transaction(async (tx) => {
    const same = await tx.ledgerWitness.findFirst({ where: { orgId, name: parsed.name, removedAt: null } });
    if (same) {
      throw new AppError("CONFLICT", `A witness named ${parsed.name} is already accepted: remove it first to change its key.`, {
        fieldErrors: [{ field: "verifierKey", message: `${parsed.name} is already a witness` }],
      });
    }
    const witness = await tx.ledgerWitness.create({ data: { orgId, name: parsed.name, verifierKey: vkey, addedById: principal.userId } });
    await recordInternalEvent(tx, {
      orgId,
      action: "ledger.witness.add",
      actor: actorOf(principal),
      details: { witness: parsed.name, verifierKey: vkey },
    });
    return { id: witness.id, name: witness.name };
  });
}

/** Stops accepting a witness's cosignatures; those already received stay (they are evidence). */
export async function removeLedgerWitness({ principal, witnessId }: { principal: TPrincipal; witnessId: string }) {
  assertCapability(principal, "ledger.publication.manage");
  const orgId = principal.orgId;
  await db().$transaction(async (tx) => {
    const witness = await tx.ledgerWitness.findFirst({ where: { id: witnessId, orgId, removedAt: null } });
    if (!witness) throw new AppError("NOT_FOUND", "There is no such witness (it may have been removed already).");
    await tx.ledgerWitness.update({ where: { id: witness.id }, data: { removedAt: new Date(), removedById: principal.userId } });
    await recordInternalEvent(tx, {
      orgId,
      action: "ledger.witness.remove",
      actor: actorOf(principal),
      details: { witness: witness.name },
    });
  });
}

/** The publication settings and witnesses, for the Ledger page. */
export async function getLedgerPublication({ orgId }: { orgId: string }) {
  const [publication, witnesses] = await Promise.all([
    db().ledgerPublication.findUnique({ where: { orgId } }),
    db().ledgerWitness.findMany({
      where: { orgId, removedAt: null },
      orderBy: { addedAt: "asc" },
      include: { _count: { select: { cosignatures: true } } },
    }),
  ]);
  return {
    publicTiles: publication?.publicTiles ?? false,
    witnesses: witnesses.map((witness) => ({
      id: witness.id,
      name: witness.name,
      verifierKey: witness.verifierKey,
      addedAt: witness.addedAt.toISOString(),
      cosignatures: witness._count.cosignatures,
    })),
  };
}
