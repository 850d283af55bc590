-- AlterTable
ALTER TABLE "ForwardCursor" ADD COLUMN     "historyFrom" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "historyRetry" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "ForwardDelivery" ADD COLUMN     "activity" TEXT,
ADD COLUMN     "note" TEXT;

-- CreateIndex
CREATE INDEX "ForwardDelivery_destinationId_alertId_id_idx" ON "ForwardDelivery"("destinationId", "alertId", "id");


-- Destinations that exist already forward updates from now on, not the whole history.
UPDATE "ForwardCursor" SET "historyFrom" = (SELECT COALESCE(MAX(id), 0) + 1 FROM "AlertHistory");
