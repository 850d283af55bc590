-- Denied and failed events: what incident responders filter for first, and rare. Without these,
-- a timeline filtered by outcome walks every event of the artifact to find the few that failed.
-- Partial on the rare outcomes, so they stay small and cost nothing when events succeed.
-- Comments here use no semicolons and no apostrophes (the migration engine splits on them).
CREATE INDEX "LedgerEntry_unusual_artifact_idx" ON "LedgerEntry" ("orgId", "outcome", "artifactId", "occurredAt", "seq") WHERE "outcome" <> 'success' AND "artifactId" IS NOT NULL;
CREATE INDEX "LedgerEntry_unusual_digest_idx" ON "LedgerEntry" ("orgId", "outcome", "digest", "occurredAt", "seq") WHERE "outcome" <> 'success' AND "digest" IS NOT NULL;
CREATE INDEX "LedgerEntry_unusual_idx" ON "LedgerEntry" ("orgId", "outcome", "occurredAt", "seq") WHERE "outcome" <> 'success';
