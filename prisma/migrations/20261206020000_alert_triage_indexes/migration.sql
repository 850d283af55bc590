-- Alerts — triage: the list pages by keyset on ("lastSeenAt", id) newest first, and the page's
-- chart counts alerts per day and detector. One index serves both: the keyset order exactly (no
-- sort of ties), and the chart's GROUP BY from the index alone (detector, status, severity
-- included), so the first page stays fast at 100,000 alerts (bench/alerts-page.ts).
-- Hand-written: Prisma's schema cannot say INCLUDE.
CREATE INDEX "Alert_orgId_lastSeenAt_id_triage_idx" ON "Alert" ("orgId", "lastSeenAt" DESC, id DESC) INCLUDE (detector, status, severity);

-- The detector filter's options come from a skip scan over this one (one probe per detector).
CREATE INDEX "Alert_orgId_detector_lastSeenAt_idx" ON "Alert" ("orgId", detector, "lastSeenAt" DESC);

-- An investigation's page lists the alerts it was opened from.
CREATE INDEX "Alert_orgId_investigationId_idx" ON "Alert" ("orgId", "investigationId") WHERE "investigationId" IS NOT NULL;
