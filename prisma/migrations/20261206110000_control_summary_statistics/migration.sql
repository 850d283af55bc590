-- Control health: the job that fills ControlLedgerDaily (as custody_app) refreshes its planner
-- statistics right after a large summary pass, so the backfill that follows is planned for the rows
-- that are there rather than for an empty table. ANALYZE needs MAINTAIN (PostgreSQL 17+). On older
-- servers the statement is skipped with a warning and autovacuum catches up instead.
-- (Semicolons inside the body are written \073: the migration runner splits statements on them.)
DO E'
BEGIN
  IF current_setting(''server_version_num'')::int >= 170000 AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ''custody_app'') THEN
    EXECUTE ''GRANT MAINTAIN ON TABLE "ControlLedgerDaily" TO custody_app''\073
  END IF\073
END';
