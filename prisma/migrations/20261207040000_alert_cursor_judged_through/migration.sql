-- How far each detector ever judged: a re-run over history (nextSeq back to 0) checks its findings
-- against the alerts' evidence only below this seq, so a live pass never pays for that check.
ALTER TABLE "AlertCursor" ADD COLUMN "judgedThrough" BIGINT NOT NULL DEFAULT 0;
UPDATE "AlertCursor" SET "judgedThrough" = "nextSeq";
