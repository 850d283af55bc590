import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, isCustodyInternal, isoMinute, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { loadArtifacts, loadVersionsOfArtifacts, loadVersionsOfDigests } from "../load-principals";

/** Deploying, serving (a serving load) or promoting: what puts a digest in front of users. */
export function putsDigestInService(entry: TDetectEntry): boolean {
  const action = entry.action.toLowerCase();
  if (/(^|\.)(undeploy|unload)$/.test(action)) return false;
  if (grantActionOfLedgerAction(action) === "deploy") return true;
  return /(^|\.)(load|serve|served|stage_transition|promote|promoted)$/.test(action);
}

/**
 * A digest deployed, served or promoted that the registry never registered for that artifact
 * before the event (or, with requireSigned, registered but never signed): what runs is not what
 * was reviewed. Judged by the entry's digest column against ArtifactVersion.
 */
export const unverifiedDigest: TDetector<"unverified_digest"> = {
  key: "unverified_digest",
  async judge({ client, orgId, catalogue, entries, settings }) {
    const environments = new Set(settings.environments);
    const judged = entries.filter(
      (entry) =>
        !isCustodyInternal(entry) &&
        entry.outcome === "success" &&
        entry.digest !== null &&
        (environments.size === 0 || (entry.environment !== null && environments.has(entry.environment))) &&
        putsDigestInService(entry),
    );
    if (judged.length === 0) return [];
    const digests = [...new Set(judged.map((entry) => entry.digest!.toLowerCase()))];
    const artifactIds = [...new Set(judged.flatMap((entry) => (entry.artifactId ? [entry.artifactId] : [])))];
    const [versionsOf, artifacts] = await Promise.all([
      loadVersionsOfDigests(catalogue, client, orgId, digests),
      loadArtifacts(catalogue, client, orgId, artifactIds),
    ]);
    const artifactName = new Map([...artifacts].flatMap(([id, artifact]) => (artifact ? [[id, artifact.name] as const] : [])));
    const findings: TFinding[] = [];
    for (const entry of judged) {
      const digest = entry.digest!.toLowerCase();
      const known = entry.artifactId ? artifactName.has(entry.artifactId) : false;
      const registered = versionsOf(digest).filter(
        (version) => version.createdAt <= entry.occurredAt && (!known || version.artifactId === entry.artifactId),
      );
      const signed = registered.some((version) => version.signed);
      if (registered.length > 0 && (signed || !settings.requireSigned)) continue;
      const problem = registered.length === 0 ? "unregistered" : "unsigned";
      const name = (entry.artifactId && artifactName.get(entry.artifactId)) || entry.artifactId || "an unknown artifact";
      const where = entry.environment ? ` to ${entry.environment}` : "";
      const registry = known ? (await loadVersionsOfArtifacts(catalogue, client, orgId, [entry.artifactId!]))(entry.artifactId!) : [];
      const registeredDigests = registry.filter((version) => version.createdAt <= entry.occurredAt).slice(0, 10);
      findings.push({
        dedupKey: `${entry.artifactId ?? ""}|${digest}|${entry.environment ?? ""}`,
        title: `${entry.actorDisplay ?? entry.actorId} put an ${problem} digest of ${name}${where}`,
        summary:
          `Observed: ${actorLabel(entry)} ran ${entry.action}${where} with sha256:${digest.slice(0, 12)}… at ${isoMinute(entry.occurredAt)}. ` +
          (problem === "unregistered"
            ? `Expected: a digest the registry holds for ${name}; none of its ${registeredDigests.length ? `versions (${registeredDigests.map((version) => `v${version.version} ${version.digest.slice(0, 12)}…`).join(", ")})` : "versions"} has it.`
            : `Expected: a signed version; ${registered.map((version) => `v${version.version}`).join(", ")} of ${name} has this digest but no verified signature.`),
        observed: { action: entry.action, digest, environment: entry.environment, problem },
        expected: {
          registeredDigests: registeredDigests.map((version) => ({
            version: version.version,
            digest: version.digest,
            signed: version.signed,
          })),
          requireSigned: settings.requireSigned,
        },
        actorId: entry.actorId,
        actorDisplay: entry.actorDisplay,
        artifactId: known ? entry.artifactId : null,
        evidence: [entry.seq],
        occurredAt: entry.occurredAt,
      });
    }
    return findings;
  },
};
