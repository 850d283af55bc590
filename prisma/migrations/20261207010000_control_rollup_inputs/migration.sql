-- Control health: today's rollup rows remember the fingerprint of the data they were computed from
-- (lib/controls/fingerprint-inputs.ts), so a dashboard read recomputes today only when it changed
-- (a grant revoked, a review signed…) or the rows are 10 minutes old, not whenever the ledger grew.
ALTER TABLE "ControlDailyRollup" ADD COLUMN "inputs" TEXT;
