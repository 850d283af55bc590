import "server-only";
import { actorLabel, isCustodyInternal, isoMinute, type TDetector, type TFinding } from "../detector";
import { loadPrincipals, loadTokens, loadUsers } from "../load-principals";

/**
 * Activity by someone who should not be able to act any more: a deactivated person (the actor or
 * the one it acted on behalf of), a disabled service account, or a token revoked or expired
 * before the event (the entry's submitting token, or a token actor).
 */
export const inactivePrincipal: TDetector<"inactive_principal"> = {
  key: "inactive_principal",
  async judge({ client, orgId, catalogue, entries, settings }) {
    const ignored = new Set(settings.ignoreActorIds);
    const judged = entries.filter(
      (entry) => !isCustodyInternal(entry) && !ignored.has(entry.actorId) && (settings.includeDenied || entry.outcome !== "denied"),
    );
    if (judged.length === 0) return [];
    const behalfIds = [...new Set(judged.flatMap((entry) => (entry.actorOnBehalfOf ? [entry.actorOnBehalfOf] : [])))];
    const tokenIds = [
      ...new Set(
        judged.flatMap((entry) => [entry.tokenId, entry.actorType === "token" ? entry.actorId : null].filter((id) => id !== null)),
      ),
    ];
    const [principals, behalfById, tokenById] = await Promise.all([
      loadPrincipals(catalogue, client, orgId, judged),
      loadUsers(catalogue, client, orgId, behalfIds),
      loadTokens(catalogue, client, orgId, tokenIds),
    ]);
    const findings: TFinding[] = [];
    for (const entry of judged) {
      const at = entry.occurredAt;
      const reasons: { key: string; said: string; since: Date }[] = [];
      const principal = principals.get(entry);
      if (principal?.disabledAt && principal.disabledAt <= at)
        reasons.push({
          key: principal.kind === "user" ? "person_deactivated" : "service_account_disabled",
          said: principal.kind === "user" ? `${principal.name} was deactivated` : `the service account ${principal.name} was disabled`,
          since: principal.disabledAt,
        });
      const onBehalf = entry.actorOnBehalfOf ? behalfById.get(entry.actorOnBehalfOf) : undefined;
      if (onBehalf?.disabledAt && onBehalf.disabledAt <= at)
        reasons.push({
          key: "on_behalf_of_deactivated",
          said: `${onBehalf.name}, on whose behalf it acted, was deactivated`,
          since: onBehalf.disabledAt,
        });
      for (const tokenId of new Set([entry.tokenId, entry.actorType === "token" ? entry.actorId : null])) {
        const token = tokenId ? tokenById.get(tokenId) : undefined;
        if (!token) continue;
        if (token.revokedAt && token.revokedAt <= at)
          reasons.push({
            key: "token_revoked",
            said: `the API token ${token.prefix}… (${token.name}) was revoked`,
            since: token.revokedAt,
          });
        else if (token.expiresAt <= at)
          reasons.push({
            key: "token_expired",
            said: `the API token ${token.prefix}… (${token.name}) had expired`,
            since: token.expiresAt,
          });
      }
      if (reasons.length === 0) continue;
      const first = reasons[0]!;
      const target = entry.artifactId ? ` on ${entry.artifactId}` : "";
      findings.push({
        dedupKey: `${entry.actorId}|${first.key}`,
        title: `${principal?.name ?? entry.actorDisplay ?? entry.actorId} acted after ${first.key.replaceAll("_", " ")}`,
        summary:
          `Observed: ${actorLabel(entry)} performed ${entry.action}${target} (${entry.outcome}) at ${isoMinute(at)}. ` +
          `Expected: nothing from them, because ${reasons.map((reason) => `${reason.said} at ${isoMinute(reason.since)}`).join("; ")}.`,
        observed: { action: entry.action, outcome: entry.outcome, occurredAt: at.toISOString(), tokenId: entry.tokenId },
        expected: { inactiveSince: Object.fromEntries(reasons.map((reason) => [reason.key, reason.since.toISOString()])) },
        actorId: entry.actorId,
        actorDisplay: entry.actorDisplay ?? principal?.name ?? null,
        artifactId: entry.artifactId,
        evidence: [entry.seq],
        occurredAt: at,
      });
    }
    return findings;
  },
};
