-- Indexes for artifact timelines and point-in-time questions (issue 4). Hand-written: the
-- schema keeps the simpler indexes, these add the paging tiebreaker and the environment.
-- Comments here use no semicolons and no apostrophes (the migration engine splits on them).

-- Timeline pages: one index range per correlation key, already in (occurredAt, seq) order,
-- so keyset paging by (occurredAt, seq) is an index condition and needs no sort.
CREATE INDEX "LedgerEntry_timeline_artifact_idx" ON "LedgerEntry" ("orgId", "artifactId", "occurredAt", "seq") WHERE "artifactId" IS NOT NULL;
CREATE INDEX "LedgerEntry_timeline_digest_idx" ON "LedgerEntry" ("orgId", "digest", "occurredAt", "seq") WHERE "digest" IS NOT NULL;

-- The distinct digests seen in events about an artifact, read by a loose index scan.
CREATE INDEX "LedgerEntry_artifact_digest_idx" ON "LedgerEntry" ("orgId", "artifactId", "digest") WHERE "artifactId" IS NOT NULL AND "digest" IS NOT NULL;

-- What was deployed in an environment at a time: deploy and promotion events per environment.
CREATE INDEX "LedgerEntry_environment_action_idx" ON "LedgerEntry" ("orgId", "environment", "action", "occurredAt", "seq");
