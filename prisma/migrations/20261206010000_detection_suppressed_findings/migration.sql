-- CreateTable
CREATE TABLE "AlertSuppressedFinding" (
    "id" BIGSERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "suppressionId" TEXT NOT NULL,
    "detector" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertSuppressedFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertSuppressedFinding_orgId_detector_occurredAt_idx" ON "AlertSuppressedFinding"("orgId", "detector", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertSuppressedFinding_suppressionId_seq_key" ON "AlertSuppressedFinding"("suppressionId", "seq");


SELECT custody_grant_app_role();
