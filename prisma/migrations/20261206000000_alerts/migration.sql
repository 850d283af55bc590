-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('open', 'acknowledged', 'closed');

-- CreateEnum
CREATE TYPE "AlertCloseReason" AS ENUM ('true_positive', 'benign_positive', 'false_positive', 'duplicate', 'other');

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "detector" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "severity" "AlertSeverity" NOT NULL,
    "settings" JSONB NOT NULL,
    "dedupWindowSeconds" INTEGER NOT NULL DEFAULT 86400,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" TEXT,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertCursor" (
    "orgId" TEXT NOT NULL,
    "detector" TEXT NOT NULL,
    "nextSeq" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertCursor_pkey" PRIMARY KEY ("orgId","detector")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "detector" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'open',
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "observed" JSONB NOT NULL,
    "expected" JSONB NOT NULL,
    "actorId" TEXT,
    "actorDisplay" TEXT,
    "artifactId" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assigneeId" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "closeReason" "AlertCloseReason",
    "closeNote" TEXT,
    "investigationId" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertEvidence" (
    "orgId" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,

    CONSTRAINT "AlertEvidence_pkey" PRIMARY KEY ("alertId","seq")
);

-- CreateTable
CREATE TABLE "AlertHistory" (
    "id" BIGSERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" JSONB,
    "ledgerSeq" BIGINT,

    CONSTRAINT "AlertHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSuppression" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "detector" TEXT NOT NULL,
    "actorId" TEXT,
    "artifactId" TEXT,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "ledgerSeq" BIGINT,

    CONSTRAINT "AlertSuppression_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertRule_orgId_detector_key" ON "AlertRule"("orgId", "detector");

-- CreateIndex
CREATE INDEX "Alert_orgId_detector_dedupKey_lastSeenAt_idx" ON "Alert"("orgId", "detector", "dedupKey", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Alert_orgId_status_lastSeenAt_idx" ON "Alert"("orgId", "status", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Alert_orgId_lastSeenAt_idx" ON "Alert"("orgId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Alert_orgId_artifactId_lastSeenAt_idx" ON "Alert"("orgId", "artifactId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Alert_orgId_actorId_lastSeenAt_idx" ON "Alert"("orgId", "actorId", "lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_orgId_number_key" ON "Alert"("orgId", "number");

-- CreateIndex
CREATE INDEX "AlertEvidence_orgId_seq_idx" ON "AlertEvidence"("orgId", "seq");

-- CreateIndex
CREATE INDEX "AlertHistory_alertId_at_idx" ON "AlertHistory"("alertId", "at");

-- CreateIndex
CREATE INDEX "AlertSuppression_orgId_detector_expiresAt_idx" ON "AlertSuppression"("orgId", "detector", "expiresAt");

-- AddForeignKey
ALTER TABLE "AlertEvidence" ADD CONSTRAINT "AlertEvidence_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertHistory" ADD CONSTRAINT "AlertHistory_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A suppression names the actor or the artifact it silences (or both), never neither.
ALTER TABLE "AlertSuppression" ADD CONSTRAINT "AlertSuppression_target" CHECK ("actorId" IS NOT NULL OR "artifactId" IS NOT NULL);
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_count_positive" CHECK ("count" >= 1);

SELECT custody_grant_app_role();
