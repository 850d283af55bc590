import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, isCustodyInternal, isoMinute, type TDetector, type TFinding } from "../detector";
import {
  grantHeldBy,
  grantValidAt,
  loadArtifacts,
  loadEnvironmentNames,
  loadGrants,
  loadPrincipals,
  type TGrantRow,
  type TKnownPrincipal,
} from "../load-principals";

/**
 * Intended versus observed access: a successful read, write, register, deploy or retire of a
 * Custody artifact by a person or service account that held no grant for that action on it (or
 * its project, and its environment when the grant names one) at occurredAt, groups included.
 * Any grant on the artifact lets its holder read it (write, register, deploy and retire imply read).
 */
export const accessWithoutGrant: TDetector<"access_without_grant"> = {
  key: "access_without_grant",
  async judge({ client, orgId, catalogue, entries, settings }) {
    const ignored = new Set(settings.ignoreActorIds);
    const judged = entries.flatMap((entry) => {
      if (isCustodyInternal(entry) || entry.outcome !== "success" || !entry.artifactId || ignored.has(entry.actorId)) return [];
      const action = grantActionOfLedgerAction(entry.action);
      return action && settings.actions.includes(action) ? [{ entry, action }] : [];
    });
    if (judged.length === 0) return [];
    const principals = await loadPrincipals(
      catalogue,
      client,
      orgId,
      judged.map(({ entry }) => entry),
    );
    const known = new Map<string, TKnownPrincipal>();
    for (const { entry } of judged) {
      const principal = principals.get(entry);
      if (principal) known.set(`${principal.kind}:${principal.id}`, principal);
    }
    const artifactIds = [...new Set(judged.map(({ entry }) => entry.artifactId!))];
    const [grants, artifactById, environmentName] = await Promise.all([
      loadGrants(catalogue, client, orgId, [...known.values()]),
      loadArtifacts(catalogue, client, orgId, artifactIds),
      loadEnvironmentNames(catalogue, client, orgId),
    ]);
    // Each principal's grants once, then the matching ones once per principal, artifact, action and
    // environment: a batch is mostly the same few actors reading the same models.
    const grantsOf = new Map([...known].map(([key, principal]) => [key, grants.filter((grant) => grantHeldBy(grant, principal))]));
    const matching = new Map<string, TGrantRow[]>();
    const findings: TFinding[] = [];
    for (const { entry, action } of judged) {
      const principal = principals.get(entry);
      const artifact = artifactById.get(entry.artifactId!);
      // Only what Custody governs can be judged: a known actor on a known artifact.
      if (!principal || !artifact) continue;
      const principalKey = `${principal.kind}:${principal.id}`;
      const matchKey = `${principalKey}\u0000${artifact.id}\u0000${action}\u0000${entry.environment ?? ""}`;
      let held = matching.get(matchKey);
      if (!held) {
        held = grantsOf
          .get(principalKey)!
          .filter(
            (grant) =>
              (grant.action === action || action === "read") &&
              (grant.artifactId === artifact.id || grant.projectId === artifact.projectId) &&
              (grant.environmentId === null || !entry.environment || environmentName.get(grant.environmentId) === entry.environment),
          );
        matching.set(matchKey, held);
      }
      if (held.some((grant) => grantValidAt(grant, entry.occurredAt))) continue;
      const lapsed = held.filter((grant) => grant.validFrom <= entry.occurredAt);
      const where = entry.environment ? ` in ${entry.environment}` : "";
      const why =
        lapsed.length > 0
          ? `${lapsed.length} matching grant${lapsed.length === 1 ? " had" : "s had"} been revoked or had expired by then`
          : "no grant for it existed";
      findings.push({
        dedupKey: `${entry.actorId}|${artifact.id}|${action}|${entry.environment ?? ""}`,
        title: `${principal.name} used ${action} on ${artifact.name}${where} without a grant`,
        summary:
          `Observed: ${actorLabel(entry)} performed ${entry.action} (${action}) on ${artifact.name}${where} at ${isoMinute(entry.occurredAt)}. ` +
          `Expected: a valid ${action === "read" ? "grant of any action" : `${action} grant`} on the artifact or its project${entry.environment ? ` for ${entry.environment}` : ""}, held directly` +
          `${principal.kind === "user" ? " or through a group" : ""}; ${why}.`,
        observed: { action: entry.action, grantAction: action, environment: entry.environment, occurredAt: entry.occurredAt.toISOString() },
        expected: {
          grant: { action, artifactId: artifact.id, projectId: artifact.projectId, environment: entry.environment },
          lapsedGrantIds: lapsed.map((grant) => grant.id),
        },
        actorId: entry.actorId,
        actorDisplay: entry.actorDisplay ?? principal.name,
        artifactId: artifact.id,
        evidence: [entry.seq],
        occurredAt: entry.occurredAt,
      });
    }
    return findings;
  },
};
