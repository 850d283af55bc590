-- CreateEnum
CREATE TYPE "ForwardKind" AS ENUM ('webhook', 'syslog');

-- CreateEnum
CREATE TYPE "ForwardDeliveryStatus" AS ENUM ('pending', 'delivering', 'delivered', 'dead');

-- CreateTable
CREATE TABLE "ForwardDestination" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ForwardKind" NOT NULL,
    "endpoint" TEXT NOT NULL,
    "secretSealed" TEXT,
    "secretRotatedAt" TIMESTAMP(3),
    "tlsCaPem" TEXT,
    "tlsServerName" TEXT,
    "forwardAlerts" BOOLEAN NOT NULL DEFAULT true,
    "minSeverity" "AlertSeverity" NOT NULL DEFAULT 'medium',
    "detectors" TEXT[],
    "eventFilter" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "ForwardDestination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ForwardCursor" (
    "destinationId" TEXT NOT NULL,
    "alertsSince" TIMESTAMP(3) NOT NULL,
    "alertsFrom" TIMESTAMP(3) NOT NULL,
    "nextSeq" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ForwardCursor_pkey" PRIMARY KEY ("destinationId")
);

-- CreateTable
CREATE TABLE "ForwardDelivery" (
    "id" BIGSERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "alertId" TEXT,
    "detector" TEXT,
    "ledgerSeq" BIGINT,
    "messageId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "severity" "AlertSeverity",
    "status" "ForwardDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "lastStatusCode" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),
    "requestedById" TEXT,

    CONSTRAINT "ForwardDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ForwardAttempt" (
    "id" BIGSERIAL NOT NULL,
    "deliveryId" BIGINT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "statusCode" INTEGER,
    "responseExcerpt" TEXT,
    "error" TEXT,

    CONSTRAINT "ForwardAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ForwardDestination_orgId_name_key" ON "ForwardDestination"("orgId", "name");

-- CreateIndex
CREATE INDEX "ForwardDelivery_destinationId_status_nextAttemptAt_idx" ON "ForwardDelivery"("destinationId", "status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ForwardDelivery_destinationId_createdAt_idx" ON "ForwardDelivery"("destinationId", "createdAt");

-- CreateIndex
CREATE INDEX "ForwardDelivery_status_claimedUntil_idx" ON "ForwardDelivery"("status", "claimedUntil");

-- CreateIndex
CREATE UNIQUE INDEX "ForwardDelivery_destinationId_sourceKey_key" ON "ForwardDelivery"("destinationId", "sourceKey");

-- CreateIndex
CREATE INDEX "ForwardAttempt_destinationId_startedAt_idx" ON "ForwardAttempt"("destinationId", "startedAt");

-- CreateIndex
CREATE INDEX "ForwardAttempt_deliveryId_attempt_idx" ON "ForwardAttempt"("deliveryId", "attempt");

-- AddForeignKey
ALTER TABLE "ForwardCursor" ADD CONSTRAINT "ForwardCursor_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "ForwardDestination"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ForwardDelivery" ADD CONSTRAINT "ForwardDelivery_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "ForwardDestination"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ForwardAttempt" ADD CONSTRAINT "ForwardAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "ForwardDelivery"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written. The forwarder reads new alerts by creation time (a look-back window, deduplicated
-- by the delivery source key), so it needs this index on the alerts table.
CREATE INDEX "Alert_orgId_createdAt_idx" ON "Alert"("orgId", "createdAt");

-- A delivery never has a negative attempt count, and the attempt log never holds a negative latency.
ALTER TABLE "ForwardDelivery" ADD CONSTRAINT "ForwardDelivery_attempts_nonnegative" CHECK ("attempts" >= 0);
ALTER TABLE "ForwardAttempt" ADD CONSTRAINT "ForwardAttempt_latency_nonnegative" CHECK ("latencyMs" >= 0);

SELECT custody_grant_app_role();
