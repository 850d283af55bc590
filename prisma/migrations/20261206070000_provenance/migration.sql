-- CreateTable
CREATE TABLE "SignerPolicyEntry" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "identity" TEXT,
    "issuer" TEXT,
    "publicKeyPem" TEXT,
    "fingerprint" TEXT,
    "label" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignerPolicyEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VersionProvenance" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "method" TEXT,
    "verdict" TEXT NOT NULL,
    "reasonCode" TEXT,
    "reason" TEXT,
    "signerIdentity" TEXT,
    "signerIssuer" TEXT,
    "keyFingerprint" TEXT,
    "subjectDigest" TEXT,
    "filesCount" INTEGER,
    "files" JSONB,
    "predicateType" TEXT,
    "builderId" TEXT,
    "buildType" TEXT,
    "dependencies" JSONB,
    "document" TEXT NOT NULL,
    "documentSha256" TEXT NOT NULL,
    "ledgerSeq" BIGINT NOT NULL,
    "attachedById" TEXT NOT NULL,
    "attachedByType" TEXT NOT NULL,
    "attachedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VersionProvenance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SignerPolicyEntry_orgId_projectId_idx" ON "SignerPolicyEntry"("orgId", "projectId");

-- CreateIndex
CREATE INDEX "VersionProvenance_orgId_versionId_createdAt_idx" ON "VersionProvenance"("orgId", "versionId", "createdAt");


-- Declared here rather than as Prisma relations (see the schema's section comment).
ALTER TABLE "SignerPolicyEntry" ADD CONSTRAINT "SignerPolicyEntry_projectId_fkey"
  FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "VersionProvenance" ADD CONSTRAINT "VersionProvenance_versionId_fkey"
  FOREIGN KEY ("versionId") REFERENCES "ArtifactVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SignerPolicyEntry" ADD CONSTRAINT "SignerPolicyEntry_kind_check" CHECK ("kind" IN ('identity', 'key'));
ALTER TABLE "VersionProvenance" ADD CONSTRAINT "VersionProvenance_verdict_check" CHECK ("verdict" IN ('verified', 'failed'));

-- A verification, once recorded, is history: never changed or deleted.
CREATE FUNCTION custody_provenance_append_only() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION ''% rows are append-only: they are never changed or deleted'', TG_TABLE_NAME\073
END\073
';
CREATE TRIGGER "VersionProvenance_append_only" BEFORE UPDATE OR DELETE ON "VersionProvenance"
  FOR EACH ROW EXECUTE FUNCTION custody_provenance_append_only();

SELECT custody_grant_app_role();
