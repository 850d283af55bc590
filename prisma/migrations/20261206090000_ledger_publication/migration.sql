-- CreateTable
CREATE TABLE "LedgerPublication" (
    "orgId" TEXT NOT NULL,
    "publicTiles" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" TEXT,

    CONSTRAINT "LedgerPublication_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "LedgerWitness" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "verifierKey" TEXT NOT NULL,
    "addedById" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),
    "removedById" TEXT,

    CONSTRAINT "LedgerWitness_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerCosignature" (
    "id" BIGSERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "checkpointId" BIGINT NOT NULL,
    "witnessId" TEXT NOT NULL,
    "cosignedAt" TIMESTAMP(3) NOT NULL,
    "line" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerCosignature_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LedgerWitness_orgId_name_idx" ON "LedgerWitness"("orgId", "name");

-- CreateIndex
CREATE INDEX "LedgerCosignature_orgId_checkpointId_idx" ON "LedgerCosignature"("orgId", "checkpointId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerCosignature_checkpointId_witnessId_key" ON "LedgerCosignature"("checkpointId", "witnessId");

-- AddForeignKey
ALTER TABLE "LedgerCosignature" ADD CONSTRAINT "LedgerCosignature_witnessId_fkey" FOREIGN KEY ("witnessId") REFERENCES "LedgerWitness"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A cosignature is evidence a third party gave: never changed or removed.
CREATE TRIGGER "LedgerCosignature_append_only" BEFORE UPDATE OR DELETE ON "LedgerCosignature"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_ledger_change();
CREATE TRIGGER "LedgerCosignature_no_truncate" BEFORE TRUNCATE ON "LedgerCosignature"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_ledger_change();

SELECT custody_grant_app_role();
