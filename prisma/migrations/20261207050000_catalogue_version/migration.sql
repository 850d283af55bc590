-- The detectors keep the catalogue they judge against (people and their groups, service accounts,
-- tokens, grants, artifacts, versions, environments) in memory between batches, and reload it when
-- this counter moves. It moves once per committed transaction that changed any of those tables: a
-- deferred constraint trigger fires at commit, after every other lock the transaction takes, so the
-- one counter row never makes two writers deadlock, and a transaction-local flag makes a bulk insert
-- bump it once, not once per row. Token use (lastUsedAt) does not move it.
CREATE TABLE "CatalogueVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "CatalogueVersion_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CatalogueVersion_one_row" CHECK ("id" = 1)
);
INSERT INTO "CatalogueVersion" ("id", "version") VALUES (1, 0);

CREATE OR REPLACE FUNCTION custody_bump_catalogue() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS E'
BEGIN
  IF current_setting(''custody.catalogue_bumped'', true) IS DISTINCT FROM ''yes'' THEN
    UPDATE "CatalogueVersion" SET version = version + 1 WHERE id = 1\073
    PERFORM set_config(''custody.catalogue_bumped'', ''yes'', true)\073
  END IF\073
  RETURN NULL\073
END';

CREATE CONSTRAINT TRIGGER "User_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "User" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION custody_bump_catalogue();
CREATE CONSTRAINT TRIGGER "Group_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "Group" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION custody_bump_catalogue();
CREATE CONSTRAINT TRIGGER "GroupMembership_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "GroupMembership" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION custody_bump_catalogue();
CREATE CONSTRAINT TRIGGER "ServiceAccount_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "ServiceAccount" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION custody_bump_catalogue();
CREATE CONSTRAINT TRIGGER "Grant_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "Grant" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION custody_bump_catalogue();
CREATE CONSTRAINT TRIGGER "Artifact_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "Artifact" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION custody_bump_catalogue();
CREATE CONSTRAINT TRIGGER "ArtifactVersion_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "ArtifactVersion" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION custody_bump_catalogue();
CREATE CONSTRAINT TRIGGER "Environment_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "Environment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION custody_bump_catalogue();
CREATE CONSTRAINT TRIGGER "ApiToken_catalogue_version" AFTER INSERT OR DELETE OR UPDATE OF "serviceAccountId", "name", "prefix", "expiresAt", "revokedAt" ON "ApiToken" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION custody_bump_catalogue();

SELECT custody_grant_app_role();
