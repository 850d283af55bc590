-- CreateEnum
CREATE TYPE "ConnectorKind" AS ENUM ('mlflow', 'huggingface', 'jfrog', 'standard_webhooks', 'cloudtrail', 'wandb');

-- CreateEnum
CREATE TYPE "ConnectorDeliveryStatus" AS ENUM ('mapped', 'duplicate', 'refused', 'bad_signature');

-- CreateEnum
CREATE TYPE "ImportRunStatus" AS ENUM ('running', 'completed', 'failed');

-- CreateTable
CREATE TABLE "Connector" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "kind" "ConnectorKind" NOT NULL,
    "name" TEXT NOT NULL,
    "sealedSecret" TEXT NOT NULL,
    "secretPrefix" TEXT NOT NULL,
    "secretRotatedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),
    "disabledById" TEXT,
    "badSignatures" INTEGER NOT NULL DEFAULT 0,
    "lastBadSignatureAt" TIMESTAMP(3),

    CONSTRAINT "Connector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorMappingRule" (
    "id" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "pattern" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "artifactName" TEXT,

    CONSTRAINT "ConnectorMappingRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorDelivery" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "deliveryId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "ConnectorDeliveryStatus" NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "reason" TEXT,
    "eventType" TEXT,
    "subject" TEXT,
    "eventIds" TEXT[],
    "firstSeq" BIGINT,
    "artifactId" TEXT,
    "bodySha256" TEXT NOT NULL,
    "bodyBytes" INTEGER NOT NULL,

    CONSTRAINT "ConnectorDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "status" "ImportRunStatus" NOT NULL DEFAULT 'running',
    "filesDone" INTEGER NOT NULL DEFAULT 0,
    "recordsDone" INTEGER NOT NULL DEFAULT 0,
    "appended" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Connector_orgId_name_key" ON "Connector"("orgId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectorMappingRule_connectorId_position_key" ON "ConnectorMappingRule"("connectorId", "position");

-- CreateIndex
CREATE INDEX "ConnectorDelivery_connectorId_receivedAt_idx" ON "ConnectorDelivery"("connectorId", "receivedAt");

-- CreateIndex
CREATE INDEX "ConnectorDelivery_orgId_receivedAt_idx" ON "ConnectorDelivery"("orgId", "receivedAt");

-- CreateIndex
CREATE INDEX "ImportRun_orgId_connectorId_input_idx" ON "ImportRun"("orgId", "connectorId", "input");

-- AddForeignKey
ALTER TABLE "ConnectorMappingRule" ADD CONSTRAINT "ConnectorMappingRule_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectorDelivery" ADD CONSTRAINT "ConnectorDelivery_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRun" ADD CONSTRAINT "ImportRun_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


SELECT custody_grant_app_role();
