-- CreateTable
CREATE TABLE "EvidenceBundle" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "scopeLabel" TEXT NOT NULL,
    "periodFrom" TIMESTAMP(3),
    "periodTo" TIMESTAMP(3),
    "investigationId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "progressStep" TEXT,
    "requestedById" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestSeq" BIGINT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "failure" TEXT,
    "title" TEXT,
    "effectiveSize" BIGINT,
    "effectiveAt" TIMESTAMP(3),
    "entryCount" INTEGER,
    "sizeBytes" INTEGER,
    "sha256" TEXT,
    "signingKeyId" TEXT,
    "content" BYTEA,

    CONSTRAINT "EvidenceBundle_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EvidenceBundle_orgId_requestedAt_idx" ON "EvidenceBundle"("orgId", "requestedAt");

-- CreateIndex
CREATE INDEX "EvidenceBundle_status_requestedAt_idx" ON "EvidenceBundle"("status", "requestedAt");


-- A finished bundle (done or failed) is evidence: it can no longer be changed or removed, by any
-- role. Queued and running rows change as the job works on them.
CREATE FUNCTION custody_evidence_bundle_immutable() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    RAISE EXCEPTION ''evidence bundles cannot be truncated''\073
  END IF\073
  IF OLD.status IN (''done'', ''failed'') THEN
    RAISE EXCEPTION ''evidence bundle % is finished and cannot be changed or deleted'', OLD.id\073
  END IF\073
  IF TG_OP = ''DELETE'' THEN
    RETURN OLD\073
  END IF\073
  RETURN NEW\073
END\073
';

CREATE TRIGGER evidence_bundle_immutable BEFORE UPDATE OR DELETE ON "EvidenceBundle"
  FOR EACH ROW EXECUTE FUNCTION custody_evidence_bundle_immutable();
CREATE TRIGGER evidence_bundle_no_truncate BEFORE TRUNCATE ON "EvidenceBundle"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_evidence_bundle_immutable();

SELECT custody_grant_app_role();
