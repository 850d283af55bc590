-- CreateTable
CREATE TABLE "LedgerVerificationRequest" (
    "id" BIGSERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "verificationId" BIGINT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),

    CONSTRAINT "LedgerVerificationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LedgerVerificationRequest_verificationId_key" ON "LedgerVerificationRequest"("verificationId");

-- CreateIndex
CREATE INDEX "LedgerVerificationRequest_orgId_requestedAt_idx" ON "LedgerVerificationRequest"("orgId", "requestedAt");


-- ---------------------------------------------------------------------------------------------
-- Hand-written. Only the launcher may write verdicts and checkpoints: a compromised web server
-- must not clear a failed verification nor append a checkpoint that makes every later run fail.
-- Comments here use no semicolons and no apostrophes (the migration engine splits on them).

-- The web server may not choose the reserved id: it is drawn here, from the verification ids.
CREATE FUNCTION custody_reserve_verification_id() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."verificationId" := nextval(pg_get_serial_sequence(''"LedgerVerification"'', ''id''))\073
  NEW."requestedAt" := CURRENT_TIMESTAMP\073
  NEW."claimedAt" := NULL\073
  RETURN NEW\073
END\073
';

CREATE TRIGGER "LedgerVerificationRequest_reserve_id" BEFORE INSERT ON "LedgerVerificationRequest"
  FOR EACH ROW EXECUTE FUNCTION custody_reserve_verification_id();

-- custody_grant_app_role() is called again by every migration that adds tables, so the narrower
-- grants live in it: later migrations keep them. custody_ledger is the role of the launcher jobs
-- (checkpoints, verification runs and their ledger events), with nothing beyond the ledger.
CREATE OR REPLACE FUNCTION custody_grant_app_role() RETURNS void LANGUAGE plpgsql AS E'
DECLARE
  may_create boolean := (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user)\073
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ''custody_app'') THEN
    IF may_create THEN
      CREATE ROLE custody_app NOLOGIN\073
    ELSE
      RAISE NOTICE ''role custody_app not created: % may not create roles'', current_user\073
    END IF\073
  END IF\073
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ''custody_app'') THEN
    EXECUTE format(''GRANT CONNECT ON DATABASE %I TO custody_app'', current_database())\073
    GRANT USAGE ON SCHEMA public TO custody_app\073
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO custody_app\073
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO custody_app\073
    REVOKE UPDATE, DELETE, TRUNCATE ON "LedgerEntry", "LedgerHash", "LedgerCheckpoint" FROM custody_app\073
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "LedgerVerification", "LedgerCheckpoint" FROM custody_app\073
    REVOKE UPDATE, DELETE, TRUNCATE ON "LedgerVerificationRequest" FROM custody_app\073
    REVOKE ALL ON "_prisma_migrations" FROM custody_app\073
  END IF\073
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ''custody_ledger'') THEN
    IF may_create THEN
      CREATE ROLE custody_ledger NOLOGIN\073
    ELSE
      RAISE NOTICE ''role custody_ledger not created: % may not create roles'', current_user\073
    END IF\073
  END IF\073
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ''custody_ledger'') THEN
    EXECUTE format(''GRANT CONNECT ON DATABASE %I TO custody_ledger'', current_database())\073
    GRANT USAGE ON SCHEMA public TO custody_ledger\073
    GRANT SELECT, INSERT ON "LedgerEntry", "LedgerHash", "LedgerCheckpoint" TO custody_ledger\073
    GRANT SELECT, INSERT, UPDATE ON "LedgerVerification" TO custody_ledger\073
    GRANT SELECT, UPDATE ON "LedgerVerificationRequest" TO custody_ledger\073
    GRANT USAGE, SELECT ON SEQUENCE "LedgerCheckpoint_id_seq", "LedgerVerification_id_seq" TO custody_ledger\073
  END IF\073
END\073
';

SELECT custody_grant_app_role();
