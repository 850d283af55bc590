-- Derived, unhashed index columns: the actor's display name and on-behalf-of, copied from the
-- hashed record at append (lib/ledger/append-records.ts), so that queries filter on columns and
-- never cast the canonical bytes to jsonb (which cannot hold U+0000: such casts failed every
-- actor-filtered search over a window holding one). They are not part of the leaf hash. Like every
-- column derived from the record, custody verify checks them against the hashed bytes.
ALTER TABLE "LedgerEntry" ADD COLUMN "actorDisplay" TEXT,
ADD COLUMN "actorOnBehalfOf" TEXT;

-- The same derivation in SQL, for the backfill below and for checking it: a string field of
-- `actor`, U+0000 as U+FFFD (as at append, since text cannot hold U+0000), and NULL, never an error, for
-- bytes that are not UTF-8 JSON. `\\` is first respelled `\u005c`, so each `\u0000` left is a
-- real escape and not text after an escaped backslash.
CREATE FUNCTION custody_ledger_actor_text(canonical bytea, field text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS E'
DECLARE
  value jsonb\073
BEGIN
  value := (replace(replace(convert_from(canonical, ''UTF8''), ''\\\\'', ''\\u005c''), ''\\u0000'', ''\\ufffd'')::jsonb -> ''actor'') -> field\073
  IF jsonb_typeof(value) = ''string'' THEN
    RETURN value #>> ''{}''\073
  END IF\073
  RETURN NULL\073
EXCEPTION WHEN others THEN
  RETURN NULL\073
END\073
';

-- Existing entries: the append-only trigger is disabled for this one UPDATE of the two derived
-- columns only, and enabled again in the same statement (a DO block is atomic: if the UPDATE
-- fails, the trigger was never disabled). Entries naming neither field keep NULL.
DO E'
BEGIN
  ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_append_only"\073
  UPDATE "LedgerEntry"
     SET "actorDisplay" = custody_ledger_actor_text(canonical, ''display''),
         "actorOnBehalfOf" = custody_ledger_actor_text(canonical, ''onBehalfOf'')
   WHERE position(convert_to(''"display"'', ''UTF8'') IN canonical) > 0 OR position(convert_to(''"onBehalfOf"'', ''UTF8'') IN canonical) > 0\073
  ALTER TABLE "LedgerEntry" ENABLE TRIGGER "LedgerEntry_append_only"\073
END\073
';
