-- CreateTable
CREATE TABLE "TotpCheckCounter" (
    "userId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailureAt" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TotpCheckCounter_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "TotpCheckCounter" ADD CONSTRAINT "TotpCheckCounter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: the app role may read and write the new table.
SELECT custody_grant_app_role();
