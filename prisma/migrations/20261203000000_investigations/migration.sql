-- Investigations (issue 4): cases, the ledger events gathered into them, stars, tags, comments,
-- narrative revisions and saved views. Each row that records a change names the ledger entry
-- appended with it (ledgerSeq). Comments here use no semicolons and no apostrophes.

-- CreateEnum
CREATE TYPE "InvestigationSeverity" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "InvestigationStatus" AS ENUM ('open', 'contained', 'closed');

-- CreateTable
CREATE TABLE "Investigation" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "severity" "InvestigationSeverity" NOT NULL,
    "status" "InvestigationStatus" NOT NULL DEFAULT 'open',
    "scopeArtifactIds" TEXT[],
    "windowFrom" TIMESTAMP(3),
    "windowTo" TIMESTAMP(3),
    "assigneeId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "narrativeRevision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Investigation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvestigationStatusChange" (
    "id" TEXT NOT NULL,
    "investigationId" TEXT NOT NULL,
    "fromStatus" "InvestigationStatus",
    "toStatus" "InvestigationStatus" NOT NULL,
    "note" TEXT,
    "changedById" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ledgerSeq" BIGINT NOT NULL,

    CONSTRAINT "InvestigationStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvestigationEvent" (
    "investigationId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "addedById" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ledgerSeq" BIGINT NOT NULL,

    CONSTRAINT "InvestigationEvent_pkey" PRIMARY KEY ("investigationId","seq")
);

-- CreateTable
CREATE TABLE "InvestigationStar" (
    "investigationId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "userId" TEXT NOT NULL,
    "starredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ledgerSeq" BIGINT NOT NULL,

    CONSTRAINT "InvestigationStar_pkey" PRIMARY KEY ("investigationId","seq","userId")
);

-- CreateTable
CREATE TABLE "InvestigationTag" (
    "investigationId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "tag" TEXT NOT NULL,
    "addedById" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ledgerSeq" BIGINT NOT NULL,

    CONSTRAINT "InvestigationTag_pkey" PRIMARY KEY ("investigationId","seq","tag")
);

-- CreateTable
CREATE TABLE "InvestigationComment" (
    "id" TEXT NOT NULL,
    "investigationId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ledgerSeq" BIGINT NOT NULL,

    CONSTRAINT "InvestigationComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvestigationNarrativeRevision" (
    "investigationId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "bodySha256" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ledgerSeq" BIGINT NOT NULL,

    CONSTRAINT "InvestigationNarrativeRevision_pkey" PRIMARY KEY ("investigationId","revision")
);

-- CreateTable
CREATE TABLE "InvestigationSavedView" (
    "id" TEXT NOT NULL,
    "investigationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ledgerSeq" BIGINT NOT NULL,

    CONSTRAINT "InvestigationSavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Investigation_orgId_status_updatedAt_idx" ON "Investigation"("orgId", "status", "updatedAt");

-- CreateIndex
CREATE INDEX "Investigation_assigneeId_idx" ON "Investigation"("assigneeId");

-- CreateIndex
CREATE UNIQUE INDEX "Investigation_orgId_number_key" ON "Investigation"("orgId", "number");

-- CreateIndex
CREATE INDEX "InvestigationStatusChange_investigationId_changedAt_idx" ON "InvestigationStatusChange"("investigationId", "changedAt");

-- CreateIndex
CREATE INDEX "InvestigationEvent_orgId_seq_idx" ON "InvestigationEvent"("orgId", "seq");

-- CreateIndex
CREATE INDEX "InvestigationComment_investigationId_seq_createdAt_idx" ON "InvestigationComment"("investigationId", "seq", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "InvestigationSavedView_investigationId_name_key" ON "InvestigationSavedView"("investigationId", "name");

-- AddForeignKey
ALTER TABLE "Investigation" ADD CONSTRAINT "Investigation_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Investigation" ADD CONSTRAINT "Investigation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationStatusChange" ADD CONSTRAINT "InvestigationStatusChange_investigationId_fkey" FOREIGN KEY ("investigationId") REFERENCES "Investigation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationStatusChange" ADD CONSTRAINT "InvestigationStatusChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationEvent" ADD CONSTRAINT "InvestigationEvent_investigationId_fkey" FOREIGN KEY ("investigationId") REFERENCES "Investigation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationEvent" ADD CONSTRAINT "InvestigationEvent_orgId_seq_fkey" FOREIGN KEY ("orgId", "seq") REFERENCES "LedgerEntry"("orgId", "seq") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationEvent" ADD CONSTRAINT "InvestigationEvent_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationStar" ADD CONSTRAINT "InvestigationStar_investigationId_seq_fkey" FOREIGN KEY ("investigationId", "seq") REFERENCES "InvestigationEvent"("investigationId", "seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationStar" ADD CONSTRAINT "InvestigationStar_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationTag" ADD CONSTRAINT "InvestigationTag_investigationId_seq_fkey" FOREIGN KEY ("investigationId", "seq") REFERENCES "InvestigationEvent"("investigationId", "seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationTag" ADD CONSTRAINT "InvestigationTag_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationComment" ADD CONSTRAINT "InvestigationComment_investigationId_seq_fkey" FOREIGN KEY ("investigationId", "seq") REFERENCES "InvestigationEvent"("investigationId", "seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationComment" ADD CONSTRAINT "InvestigationComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationNarrativeRevision" ADD CONSTRAINT "InvestigationNarrativeRevision_investigationId_fkey" FOREIGN KEY ("investigationId") REFERENCES "Investigation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationNarrativeRevision" ADD CONSTRAINT "InvestigationNarrativeRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationSavedView" ADD CONSTRAINT "InvestigationSavedView_investigationId_fkey" FOREIGN KEY ("investigationId") REFERENCES "Investigation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationSavedView" ADD CONSTRAINT "InvestigationSavedView_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A time window, when both ends are given, runs forwards.
ALTER TABLE "Investigation" ADD CONSTRAINT "Investigation_window_check" CHECK ("windowFrom" IS NULL OR "windowTo" IS NULL OR "windowFrom" < "windowTo");

-- Tags are short, lower-case words (kept in step with lib/investigations/investigation-vocabulary.ts).
ALTER TABLE "InvestigationTag" ADD CONSTRAINT "InvestigationTag_tag_check" CHECK ("tag" ~ '^[a-z0-9][a-z0-9:._-]{0,39}$');

SELECT custody_grant_app_role();
