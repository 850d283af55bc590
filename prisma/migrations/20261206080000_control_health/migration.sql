-- CreateTable
CREATE TABLE "Control" (
    "orgId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" TEXT,
    "slaDays" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" TEXT,

    CONSTRAINT "Control_pkey" PRIMARY KEY ("orgId","key")
);

-- CreateTable
CREATE TABLE "ControlTest" (
    "orgId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "controlKey" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ControlTest_pkey" PRIMARY KEY ("orgId","key")
);

-- CreateTable
CREATE TABLE "ControlFrameworkRef" (
    "controlKey" TEXT NOT NULL,
    "framework" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "ControlFrameworkRef_pkey" PRIMARY KEY ("controlKey","framework","reference")
);

-- CreateTable
CREATE TABLE "ControlDailyRollup" (
    "orgId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "testKey" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "available" BOOLEAN NOT NULL,
    "failing" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "atRisk" INTEGER NOT NULL,
    "measure" DOUBLE PRECISION,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "throughSeq" BIGINT NOT NULL,

    CONSTRAINT "ControlDailyRollup_pkey" PRIMARY KEY ("orgId","day","testKey","teamId")
);

-- CreateTable
CREATE TABLE "ControlLedgerDaily" (
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "k1" TEXT NOT NULL,
    "k2" TEXT NOT NULL,
    "k3" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ControlLedgerDaily_pkey" PRIMARY KEY ("orgId","kind","day","k1","k2","k3")
);

-- CreateTable
CREATE TABLE "ControlLedgerCursor" (
    "orgId" TEXT NOT NULL,
    "nextSeq" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ControlLedgerCursor_pkey" PRIMARY KEY ("orgId")
);

-- CreateIndex
CREATE INDEX "ControlTest_orgId_controlKey_idx" ON "ControlTest"("orgId", "controlKey");

-- CreateIndex
CREATE INDEX "ControlDailyRollup_orgId_testKey_day_idx" ON "ControlDailyRollup"("orgId", "testKey", "day");

-- CreateIndex
CREATE INDEX "ControlLedgerDaily_orgId_kind_k1_k2_day_idx" ON "ControlLedgerDaily"("orgId", "kind", "k1", "k2", "day");

SELECT custody_grant_app_role();
