import "server-only";
import { isoMinute, type TDetector } from "../detector";
import { readRecords } from "../read-history";

/**
 * A ledger verification that failed (the job's and "Verify now"'s `ledger.verify.fail`, appended
 * in the transaction that stores the LedgerVerification row with ok = false). Always on; repeated
 * failures group into one open alert while they continue.
 */
export const integrityFailure: TDetector<"integrity_failure"> = {
  key: "integrity_failure",
  async judge({ client, orgId, entries }) {
    // Only Custody's own verifier writes these: an ingested event (a token's) naming itself "custody" proves nothing.
    const failures = entries.filter(
      (entry) =>
        entry.sourceSystem === "custody" && entry.action === "ledger.verify.fail" && !entry.submittedBy.startsWith("service_account:"),
    );
    if (failures.length === 0) return [];
    const records = await readRecords(
      client,
      orgId,
      failures.map((entry) => entry.seq),
    );
    return failures.map((entry) => {
      const record = records.get(entry.seq);
      const details = (record?.details ?? {}) as Record<string, unknown>;
      const message = record?.outcome.message ?? "the verification failed";
      return {
        dedupKey: "ledger",
        title: "Ledger verification failed: the ledger may have been tampered with",
        summary:
          `Observed: ${entry.actorDisplay ?? "a verification"} failed at ${isoMinute(entry.occurredAt)}: ${message}. ` +
          "Expected: every entry's bytes, columns, tree hashes and checkpoints to verify. See Ledger integrity for each failure.",
        observed: { message, verificationId: details.verificationId ?? null, mode: details.mode ?? null, entries: details.entries ?? null },
        expected: { verification: "pass" },
        actorId: entry.actorId,
        actorDisplay: entry.actorDisplay,
        artifactId: null,
        evidence: [entry.seq],
        occurredAt: entry.occurredAt,
      };
    });
  },
};
