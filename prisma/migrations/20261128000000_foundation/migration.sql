-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UserKind" AS ENUM ('employee', 'contractor', 'partner');

-- CreateEnum
CREATE TYPE "GroupKind" AS ENUM ('team', 'idp');

-- CreateEnum
CREATE TYPE "ServiceAccountKind" AS ENUM ('training_pipeline', 'deploy_pipeline', 'monitoring', 'registry', 'partner_integration');

-- CreateEnum
CREATE TYPE "PrincipalType" AS ENUM ('user', 'group', 'service_account');

-- CreateEnum
CREATE TYPE "GrantAction" AS ENUM ('read', 'write', 'register', 'deploy', 'retire');

-- CreateEnum
CREATE TYPE "GrantOrigin" AS ENUM ('policy', 'request', 'break_glass', 'review_exception');

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "UserKind" NOT NULL DEFAULT 'employee',
    "title" TEXT,
    "managerId" TEXT,
    "engagementEndsAt" TIMESTAMP(3),
    "idpGroups" TEXT[],
    "roles" TEXT[],
    "lastSignInAt" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "GroupKind" NOT NULL DEFAULT 'team',
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMembership" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupMembership_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceAccount" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ServiceAccountKind" NOT NULL,
    "description" TEXT,
    "ownerId" TEXT NOT NULL,
    "teamId" TEXT,
    "external" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "ServiceAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "serviceAccountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revokeReason" TEXT,
    "rotatedFromId" TEXT,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "teamId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Artifact" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "task" TEXT,
    "ownerId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "Artifact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtifactVersion" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "artifactId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "format" TEXT NOT NULL,
    "registryUri" TEXT NOT NULL,
    "stage" TEXT NOT NULL DEFAULT 'none',
    "aliases" TEXT[],
    "createdByUserId" TEXT,
    "createdByServiceId" TEXT,
    "signed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArtifactVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "artifactId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "principalType" "PrincipalType" NOT NULL,
    "userId" TEXT,
    "groupId" TEXT,
    "serviceAccountId" TEXT,
    "projectId" TEXT,
    "artifactId" TEXT,
    "environmentId" TEXT,
    "action" "GrantAction" NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validUntil" TIMESTAMP(3),
    "origin" "GrantOrigin" NOT NULL,
    "justification" TEXT NOT NULL,
    "grantedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revokeReason" TEXT,

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "orgId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "eventId" UUID NOT NULL,
    "schemaVersion" INTEGER NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "interface" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "artifactId" TEXT,
    "digest" TEXT,
    "environment" TEXT,
    "outcome" TEXT NOT NULL,
    "submittedBy" TEXT NOT NULL,
    "tokenId" TEXT,
    "canonical" BYTEA NOT NULL,
    "leafHash" BYTEA NOT NULL,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("orgId","seq")
);

-- CreateTable
CREATE TABLE "LedgerHash" (
    "orgId" TEXT NOT NULL,
    "idx" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "LedgerHash_pkey" PRIMARY KEY ("orgId","idx")
);

-- CreateTable
CREATE TABLE "LedgerCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "rootHash" BYTEA NOT NULL,
    "note" TEXT NOT NULL,
    "keyName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerVerification" (
    "id" BIGSERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "fromSize" BIGINT NOT NULL,
    "toSize" BIGINT,
    "ok" BOOLEAN,
    "failure" JSONB,

    CONSTRAINT "LedgerVerification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_subject_key" ON "User"("subject");

-- CreateIndex
CREATE INDEX "User_orgId_kind_idx" ON "User"("orgId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "User_orgId_email_key" ON "User"("orgId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Group_orgId_slug_key" ON "Group"("orgId", "slug");

-- CreateIndex
CREATE INDEX "GroupMembership_userId_idx" ON "GroupMembership"("userId");

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceAccount_orgId_slug_key" ON "ServiceAccount"("orgId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_serviceAccountId_idx" ON "ApiToken"("serviceAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Project_orgId_slug_key" ON "Project"("orgId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_orgId_name_key" ON "Environment"("orgId", "name");

-- CreateIndex
CREATE INDEX "Artifact_orgId_teamId_idx" ON "Artifact"("orgId", "teamId");

-- CreateIndex
CREATE INDEX "Artifact_ownerId_idx" ON "Artifact"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "Artifact_orgId_name_key" ON "Artifact"("orgId", "name");

-- CreateIndex
CREATE INDEX "ArtifactVersion_orgId_digest_idx" ON "ArtifactVersion"("orgId", "digest");

-- CreateIndex
CREATE UNIQUE INDEX "ArtifactVersion_artifactId_version_key" ON "ArtifactVersion"("artifactId", "version");

-- CreateIndex
CREATE INDEX "Deployment_artifactId_endedAt_idx" ON "Deployment"("artifactId", "endedAt");

-- CreateIndex
CREATE INDEX "Deployment_environmentId_startedAt_idx" ON "Deployment"("environmentId", "startedAt");

-- CreateIndex
CREATE INDEX "Grant_orgId_revokedAt_validUntil_idx" ON "Grant"("orgId", "revokedAt", "validUntil");

-- CreateIndex
CREATE INDEX "Grant_userId_idx" ON "Grant"("userId");

-- CreateIndex
CREATE INDEX "Grant_groupId_idx" ON "Grant"("groupId");

-- CreateIndex
CREATE INDEX "Grant_serviceAccountId_idx" ON "Grant"("serviceAccountId");

-- CreateIndex
CREATE INDEX "Grant_artifactId_idx" ON "Grant"("artifactId");

-- CreateIndex
CREATE INDEX "Grant_projectId_idx" ON "Grant"("projectId");

-- CreateIndex
CREATE INDEX "LedgerEntry_orgId_artifactId_occurredAt_idx" ON "LedgerEntry"("orgId", "artifactId", "occurredAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_orgId_digest_occurredAt_idx" ON "LedgerEntry"("orgId", "digest", "occurredAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_orgId_actorId_occurredAt_idx" ON "LedgerEntry"("orgId", "actorId", "occurredAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_orgId_occurredAt_idx" ON "LedgerEntry"("orgId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_orgId_eventId_key" ON "LedgerEntry"("orgId", "eventId");

-- CreateIndex
CREATE INDEX "LedgerCheckpoint_orgId_size_idx" ON "LedgerCheckpoint"("orgId", "size");

-- CreateIndex
CREATE INDEX "LedgerVerification_orgId_startedAt_idx" ON "LedgerVerification"("orgId", "startedAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAccount" ADD CONSTRAINT "ServiceAccount_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAccount" ADD CONSTRAINT "ServiceAccount_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_serviceAccountId_fkey" FOREIGN KEY ("serviceAccountId") REFERENCES "ServiceAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactVersion" ADD CONSTRAINT "ArtifactVersion_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactVersion" ADD CONSTRAINT "ArtifactVersion_createdByUserId_fkey" FOREIGN KEY ("createdByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ArtifactVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_serviceAccountId_fkey" FOREIGN KEY ("serviceAccountId") REFERENCES "ServiceAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Hand-written: what Prisma cannot express. The JavaScript migration engine of Prisma splits statements
-- at every semicolon, even inside quoted bodies and comments, and reads apostrophes in comments
-- as quotes: bodies below write the semicolon as \073 in E strings, comments use no apostrophes.

-- A grant names exactly one principal, of the declared type, and exactly one scope.
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_principal_check" CHECK (
  ("principalType" = 'user' AND "userId" IS NOT NULL AND "groupId" IS NULL AND "serviceAccountId" IS NULL) OR
  ("principalType" = 'group' AND "groupId" IS NOT NULL AND "userId" IS NULL AND "serviceAccountId" IS NULL) OR
  ("principalType" = 'service_account' AND "serviceAccountId" IS NOT NULL AND "userId" IS NULL AND "groupId" IS NULL)
);
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_scope_check" CHECK (("projectId" IS NULL) <> ("artifactId" IS NULL));
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_validity_check" CHECK ("validUntil" IS NULL OR "validUntil" > "validFrom");
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_revocation_check" CHECK (("revokedAt" IS NULL) = ("revokeReason" IS NULL));
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_seq_check" CHECK ("seq" >= 0);
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_scopes_check" CHECK (cardinality("scopes") > 0);

-- The ledger is append-only in the database itself: no role, not even the owner, updates,
-- deletes or truncates it while these triggers are enabled.
CREATE FUNCTION custody_reject_ledger_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION ''the ledger is append-only: % on % is not allowed'', TG_OP, TG_TABLE_NAME
    USING ERRCODE = ''insufficient_privilege''\073
END\073
';

CREATE TRIGGER "LedgerEntry_append_only" BEFORE UPDATE OR DELETE ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_ledger_change();
CREATE TRIGGER "LedgerEntry_no_truncate" BEFORE TRUNCATE ON "LedgerEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_ledger_change();
CREATE TRIGGER "LedgerHash_append_only" BEFORE UPDATE OR DELETE ON "LedgerHash"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_ledger_change();
CREATE TRIGGER "LedgerHash_no_truncate" BEFORE TRUNCATE ON "LedgerHash"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_ledger_change();
CREATE TRIGGER "LedgerCheckpoint_append_only" BEFORE UPDATE OR DELETE ON "LedgerCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION custody_reject_ledger_change();
CREATE TRIGGER "LedgerCheckpoint_no_truncate" BEFORE TRUNCATE ON "LedgerCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION custody_reject_ledger_change();

-- The role of the application: full use of the ordinary tables, only INSERT and SELECT on the ledger.
-- Created here when the migrating user may create roles (the embedded database). On an external
-- PostgreSQL an administrator creates it (README, "A real PostgreSQL"). Later migrations that add
-- tables call custody_grant_app_role() again.
CREATE FUNCTION custody_grant_app_role() RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ''custody_app'') THEN
    IF (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
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
    REVOKE ALL ON "_prisma_migrations" FROM custody_app\073
  END IF\073
END\073
';

SELECT custody_grant_app_role();
