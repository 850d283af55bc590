import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, isCustodyInternal, isoMinute, type TDetector, type TFinding } from "../detector";
import { groupBySeq, ledgerStart, maxDate, readDigestStages } from "../read-history";
import { putsDigestInService } from "./unverified-digest";

/**
 * A digest deployed or promoted to production with no registration event or no validation event
 * for it earlier in the ledger. A version registered before the ledger began is exempt: its
 * registration and validation happened before Custody watched.
 */
export const skippedStage: TDetector<"skipped_stage"> = {
  key: "skipped_stage",
  async judge({ client, orgId, entries, settings }) {
    const production = new Set(settings.productionEnvironments);
    const validations = new Set(settings.validationActions.map((action) => action.toLowerCase()));
    const judged = entries.filter(
      (entry) =>
        !isCustodyInternal(entry) &&
        entry.outcome === "success" &&
        entry.digest !== null &&
        entry.environment !== null &&
        production.has(entry.environment) &&
        putsDigestInService(entry) &&
        !/(^|\.)(load|serve|served)$/.test(entry.action.toLowerCase()),
    );
    if (judged.length === 0) return [];
    const digests = [...new Set(judged.map((entry) => entry.digest!))];
    const [history, start, versions] = await Promise.all([
      readDigestStages(client, { orgId, digests, to: maxDate(judged.map((entry) => entry.occurredAt)), beforeSeq: entries[0]!.seq }),
      ledgerStart(client, orgId),
      client.artifactVersion.findMany({
        where: { orgId, digest: { in: digests } },
        select: { digest: true, createdAt: true, version: true, artifactId: true },
      }),
    ]);
    // Grouped by digest once, so each deploy looks only at its own digest's entries.
    const wanted = new Set(digests);
    const pool = groupBySeq(
      [...history, ...entries.filter((entry) => entry.digest !== null && wanted.has(entry.digest))],
      (entry) => entry.digest,
    );
    const versionsOf = groupBy(versions, (version) => version.digest);
    const findings: TFinding[] = [];
    for (const entry of judged) {
      const ofDigest = versionsOf.get(entry.digest!) ?? [];
      const predates = ofDigest.some((version) => start !== null && version.createdAt < start);
      if (predates) continue;
      const earlier = (pool.get(entry.digest!) ?? []).filter((other) => other.seq < entry.seq && other.occurredAt <= entry.occurredAt);
      const registration = earlier.find((other) => grantActionOfLedgerAction(other.action) === "register");
      const validation = earlier.find((other) => validations.has(other.action.toLowerCase()));
      if (registration && validation) continue;
      const missing = [registration ? null : "registration", validation ? null : "validation"].filter((item) => item !== null);
      const version = ofDigest[0];
      findings.push({
        dedupKey: `${entry.artifactId ?? ""}|${entry.digest}|${entry.environment}`,
        title: `${entry.artifactId ?? "A model"} reached ${entry.environment} without ${missing.join(" or ")}`,
        summary:
          `Observed: ${actorLabel(entry)} ran ${entry.action} of sha256:${entry.digest!.slice(0, 12)}…${version ? ` (v${version.version})` : ""} to ${entry.environment} at ${isoMinute(entry.occurredAt)}. ` +
          `Expected: a registration and a validation (${settings.validationActions.join(", ")}) of that digest before it; the ledger has ${registration ? "a registration" : "no registration"} and ${validation ? "a validation" : "no validation"}.`,
        observed: {
          action: entry.action,
          digest: entry.digest,
          environment: entry.environment,
          registrationSeq: registration?.seq.toString() ?? null,
          validationSeq: validation?.seq.toString() ?? null,
        },
        expected: { stages: ["registration", "validation", "production"], validationActions: settings.validationActions, missing },
        actorId: entry.actorId,
        actorDisplay: entry.actorDisplay,
        artifactId: entry.artifactId,
        evidence: [entry.seq, ...earlier.map((other) => other.seq).slice(0, 20)],
        occurredAt: entry.occurredAt,
      });
    }
    return findings;
  },
};

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
