import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, isCustodyInternal, isoMinute, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { loadVersionsOfDigests } from "../load-principals";
import type { TSighting } from "../read-buckets";
import { ledgerStart, readDigestStages } from "../read-history";
import { warmState } from "../warm-state";
import { putsDigestInService } from "./unverified-digest";

/** What the check needs of a digest's entries (seq below the batch's): its earliest registration and validation, and its 20 earliest entries (evidence). */
type TDigestStages = { registration: TSighting | null; validation: TSighting | null; earliest: TSighting[] };

const earliestKept = 20;
const digestLimit = 200_000;
/** Per digest, its stages so far, carried from batch to batch (warm-state.ts). */
const memory = warmState<Map<string, TDigestStages>>();

const before = (a: TSighting, b: TSighting) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
const bySeq = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A digest deployed or promoted to production with no registration event or no validation event
 * for it earlier in the ledger. A version registered before the ledger began is exempt: its
 * registration and validation happened before Custody watched. A digest's stages are read from
 * the ledger once, then kept up with each batch's entries of it.
 */
export const skippedStage: TDetector<"skipped_stage"> = {
  key: "skipped_stage",
  async judge({ client, orgId, catalogue, entries, previousEventId, settings }) {
    const place = { orgId, entries, previousEventId };
    const validations = new Set(settings.validationActions.map((action) => action.toLowerCase()));
    const settingsKey = JSON.stringify([...validations].sort());
    const digests = memory.take(place, settingsKey, () => new Map());
    if (digests.size > digestLimit) digests.clear();
    try {
      const production = new Set(settings.productionEnvironments);
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
      const remember = (stages: TDigestStages, entry: Pick<TDetectEntry, "seq" | "occurredAt" | "action">) => {
        const sighting = { at: entry.occurredAt.getTime(), seq: entry.seq };
        if (grantActionOfLedgerAction(entry.action) === "register" && (!stages.registration || before(sighting, stages.registration)))
          stages.registration = sighting;
        if (validations.has(entry.action.toLowerCase()) && (!stages.validation || before(sighting, stages.validation)))
          stages.validation = sighting;
        if (stages.earliest.some((kept) => kept.seq === sighting.seq)) return;
        if (stages.earliest.length < earliestKept || before(sighting, stages.earliest[stages.earliest.length - 1]!)) {
          stages.earliest.push(sighting);
          stages.earliest.sort((a, b) => (before(a, b) ? -1 : 1));
          stages.earliest.length = Math.min(stages.earliest.length, earliestKept);
        }
      };
      const missing = [...new Set(judged.map((entry) => entry.digest!))].filter((digest) => !digests.has(digest));
      const [rows, start, versions] = await Promise.all([
        readDigestStages(client, { orgId, digests: missing, beforeSeq: entries[0]!.seq }),
        judged.length ? ledgerStart(client, orgId) : null,
        loadVersionsOfDigests(
          catalogue,
          client,
          orgId,
          judged.map((entry) => entry.digest!),
        ),
      ]);
      for (const digest of missing) digests.set(digest, { registration: null, validation: null, earliest: [] });
      for (const row of rows) remember(digests.get(row.digest)!, row);

      const findings: TFinding[] = [];
      const isJudged = new Set(judged);
      for (const entry of entries) {
        const stages = entry.digest === null ? undefined : digests.get(entry.digest);
        if (!stages) continue;
        const finding = isJudged.has(entry) ? judge(entry, stages) : null;
        if (finding) findings.push(finding);
        remember(stages, entry);
      }
      return findings;

      function judge(entry: TDetectEntry, stages: TDigestStages): TFinding | null {
        const ofDigest = versions(entry.digest!);
        if (ofDigest.some((version) => start !== null && version.createdAt < start)) return null;
        const at = entry.occurredAt.getTime();
        const registration = stages.registration && stages.registration.at <= at ? stages.registration : null;
        const validation = stages.validation && stages.validation.at <= at ? stages.validation : null;
        if (registration && validation) return null;
        const earlier = [
          ...new Set([...stages.earliest, registration, validation].filter((s) => s !== null && s.at <= at).map((s) => s!.seq)),
        ]
          .sort(bySeq)
          .slice(0, earliestKept);
        const missingStages = [registration ? null : "registration", validation ? null : "validation"].filter((item) => item !== null);
        const version = ofDigest[0];
        return {
          dedupKey: `${entry.artifactId ?? ""}|${entry.digest}|${entry.environment}`,
          title: `${entry.artifactId ?? "A model"} reached ${entry.environment} without ${missingStages.join(" or ")}`,
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
          expected: {
            stages: ["registration", "validation", "production"],
            validationActions: settings.validationActions,
            missing: missingStages,
          },
          actorId: entry.actorId,
          actorDisplay: entry.actorDisplay,
          artifactId: entry.artifactId,
          evidence: [entry.seq, ...earlier],
          occurredAt: entry.occurredAt,
        };
      }
    } finally {
      // Kept even when judging fails: the failed batch's transaction is undone, so the next one will not follow it.
      memory.keep(place, settingsKey, digests);
    }
  },
};
