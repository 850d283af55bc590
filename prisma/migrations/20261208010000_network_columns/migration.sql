-- Derived, unhashed columns: the source address and user agent of an entry, copied from the hashed
-- record's `network` at append (lib/ledger/entry-columns.ts), so the network-origin detector reads
-- columns instead of parsing every record of a batch. They are not part of the leaf hash. Like every
-- column derived from the record, custody verify checks them against the hashed bytes.
ALTER TABLE "LedgerEntry" ADD COLUMN "sourceIp" TEXT,
ADD COLUMN "userAgent" TEXT;

-- The same derivation in SQL, for the backfill: a string field of `network`, U+0000 as U+FFFD (text
-- cannot hold U+0000), and NULL, never an error, for bytes that are not UTF-8 JSON (as
-- custody_ledger_actor_text does for `actor`).
CREATE FUNCTION custody_ledger_network_text(canonical bytea, field text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS E'
DECLARE
  value jsonb\073
BEGIN
  value := (replace(replace(convert_from(canonical, ''UTF8''), ''\\\\'', ''\\u005c''), ''\\u0000'', ''\\ufffd'')::jsonb -> ''network'') -> field\073
  IF jsonb_typeof(value) = ''string'' THEN
    RETURN value #>> ''{}''\073
  END IF\073
  RETURN NULL\073
EXCEPTION WHEN others THEN
  RETURN NULL\073
END\073
';

-- Existing entries: the append-only trigger is disabled for this one UPDATE of the two derived
-- columns only, and enabled again in the same statement (a DO block is atomic). Entries without a
-- `network` keep NULL.
DO E'
BEGIN
  ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_append_only"\073
  UPDATE "LedgerEntry"
     SET "sourceIp" = custody_ledger_network_text(canonical, ''sourceIp''),
         "userAgent" = custody_ledger_network_text(canonical, ''userAgent'')
   WHERE position(convert_to(''"network"'', ''UTF8'') IN canonical) > 0\073
  ALTER TABLE "LedgerEntry" ENABLE TRIGGER "LedgerEntry_append_only"\073
END\073
';
