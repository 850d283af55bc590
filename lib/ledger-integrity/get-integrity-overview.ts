import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { ledgerPublicKey } from "@/lib/env";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { parseVerifierKey } from "@/lib/ledger/signed-note";
import { checkCheckpointSignature, type TSignatureCheck } from "./check-checkpoint-signature";
import { abandonedAfterMs, manualTriggerPrefix, toVerificationRow, type TVerificationRow } from "./verification-row";

export type TLatestCheckpoint = {
  id: string;
  size: number;
  rootHash: string;
  signedAt: Date;
  keyName: string;
  note: string;
  signature: TSignatureCheck;
};

export type TPublicKey = { verifierKey: string; name: string | null; keyId: string | null };

export type TIntegrityOverview = {
  now: Date;
  /** Entries in the ledger now. */
  ledgerSize: number;
  checkpoint: TLatestCheckpoint | null;
  publicKey: TPublicKey | null;
  /**
   * The verdict the page reports, with how many checkpoints that run checked: the latest failure
   * that no later full run has cleared, else the latest finished run with a verdict.
   */
  latestResult: (TVerificationRow & { checkpoints: number | null }) | null;
  /** The latest full run (from entry 0) with a verdict: incremental runs only check new entries. */
  latestFullResult: TVerificationRow | null;
  /** A manual run still in progress, whose progress the page follows. */
  running: TVerificationRow | null;
};

/**
 * The head of the Ledger integrity page: the latest signed checkpoint with its signature checked
 * here against the public key, and the latest verification verdict. Opening the page reads ledger
 * data, so the read is appended to the ledger first: no unrecorded read can happen.
 */
export async function getIntegrityOverview({
  principal,
  publicKey = ledgerPublicKey(),
  now = new Date(),
}: {
  principal: TPrincipal;
  publicKey?: string;
  now?: Date;
}): Promise<TIntegrityOverview> {
  assertCapability(principal, "ledger.integrity.view");
  const orgId = principal.orgId;
  await db().$transaction((tx) =>
    recordInternalEvent(tx, {
      action: "ledger.read",
      ...recordedBy(principal),
      details: { view: "integrity" },
    }),
  );
  const verdicts = { orgId, finishedAt: { not: null }, ok: { not: null } };
  const [checkpoint, last, latest, latestFull, running] = await Promise.all([
    db().ledgerCheckpoint.findFirst({ where: { orgId }, orderBy: [{ size: "desc" }, { id: "desc" }] }),
    db().ledgerEntry.findFirst({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true } }),
    db().ledgerVerification.findFirst({ where: verdicts, orderBy: [{ startedAt: "desc" }, { id: "desc" }] }),
    db().ledgerVerification.findFirst({ where: { ...verdicts, fromSize: 0n }, orderBy: [{ startedAt: "desc" }, { id: "desc" }] }),
    db().ledgerVerification.findFirst({
      where: {
        orgId,
        finishedAt: null,
        trigger: { startsWith: manualTriggerPrefix },
        startedAt: { gt: new Date(now.getTime() - abandonedAfterMs) },
      },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    }),
  ]);
  // Incremental runs never re-read old entries, so their passes must not hide a full run's failure.
  const reported = latest?.ok === false ? latest : latestFull?.ok === false ? latestFull : latest;
  return {
    now,
    ledgerSize: last ? Number(last.seq) + 1 : 0,
    checkpoint: checkpoint
      ? {
          id: checkpoint.id.toString(),
          size: Number(checkpoint.size),
          rootHash: Buffer.from(checkpoint.rootHash).toString("hex"),
          signedAt: checkpoint.createdAt,
          keyName: checkpoint.keyName,
          note: checkpoint.note,
          signature: checkCheckpointSignature({ note: checkpoint.note, size: checkpoint.size, rootHash: checkpoint.rootHash, publicKey }),
        }
      : null,
    publicKey: publicKey ? describePublicKey(publicKey.trim()) : null,
    latestResult: reported
      ? { ...toVerificationRow(reported, now), checkpoints: await checkpointsVerified(orgId, reported.id, reported.finishedAt!) }
      : null,
    latestFullResult: latestFull ? toVerificationRow(latestFull, now) : null,
    running: running ? toVerificationRow(running, now) : null,
  };
}

function describePublicKey(verifierKey: string): TPublicKey {
  try {
    const parsed = parseVerifierKey(verifierKey);
    return { verifierKey, name: parsed.name, keyId: parsed.keyId.toString(16).padStart(8, "0") };
  } catch {
    return { verifierKey, name: null, keyId: null };
  }
}

/**
 * The number of checkpoints a run checked is not a column: it is in the run's own ledger event
 * (details.checkpoints), appended in the transaction that finished the run.
 */
async function checkpointsVerified(orgId: string, verificationId: bigint, finishedAt: Date): Promise<number | null> {
  const around = 60_000;
  const events = await db().ledgerEntry.findMany({
    where: {
      orgId,
      occurredAt: { gte: new Date(finishedAt.getTime() - around), lte: new Date(finishedAt.getTime() + around) },
      action: { in: ["ledger.verify.pass", "ledger.verify.fail"] },
    },
    select: { canonical: true },
  });
  for (const event of events) {
    const details = (
      JSON.parse(Buffer.from(event.canonical).toString("utf8")) as { details?: { verificationId?: unknown; checkpoints?: unknown } }
    ).details;
    if (details?.verificationId === verificationId.toString() && typeof details.checkpoints === "number") return details.checkpoints;
  }
  return null;
}
