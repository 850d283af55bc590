import "server-only";
import type { DbTransaction } from "@/lib/db";

/**
 * Catalogue rows (people, accounts, tokens, grants, artifacts, versions, environments) the
 * detectors look up by id, remembered in this process while the catalogue version stands: it
 * moves with every committed change to those tables (migration 20261207050000), so a batch
 * after no change asks the database nothing but that version. Read before any row, so a change
 * committed while rows are being read only makes the next batch read them again.
 */
export type TCatalogue = {
  lookup<V>(kind: string, ids: string[], load: (missing: string[]) => Promise<Map<string, V>>): Promise<Map<string, V | null>>;
};

type TMemo = { version: bigint; kinds: Map<string, Map<string, unknown>> };

/** Rows of one kind remembered at most; past it that kind starts afresh. */
const kindLimit = 200_000;
const memos = new Map<string, TMemo>();

export async function openCatalogue(client: DbTransaction, orgId: string): Promise<TCatalogue> {
  const [row] = await client.$queryRaw<{ version: bigint; server: string }[]>`
    SELECT version, concat_ws('|', current_database(), inet_server_port(), pg_postmaster_start_time()) AS server
    FROM "CatalogueVersion" WHERE id = 1`;
  // Without the counter (a database not migrated yet) nothing is remembered.
  const key = `${row?.server}|${orgId}`;
  let memo = memos.get(key);
  if (!row || !memo || memo.version !== row.version) {
    memo = { version: row?.version ?? -1n, kinds: new Map() };
    if (row) memos.set(key, memo);
  }
  const kinds = memo.kinds;
  return {
    async lookup<V>(kind: string, ids: string[], load: (missing: string[]) => Promise<Map<string, V>>) {
      let known = kinds.get(kind) as Map<string, V | null> | undefined;
      if (!known || known.size > kindLimit) kinds.set(kind, (known = new Map()));
      const missing = [...new Set(ids)].filter((id) => !known.has(id));
      if (missing.length > 0) {
        const loaded = await load(missing);
        for (const id of missing) known.set(id, loaded.get(id) ?? null);
      }
      return new Map(ids.map((id) => [id, known.get(id) ?? null]));
    },
  };
}

/** Groups rows into a map by a key (every id asked for gets its list, empty when none). */
export function listsBy<T>(ids: string[], rows: T[], keyOf: (row: T) => string | null): Map<string, T[]> {
  const lists = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) lists.get(key)?.push(row);
  }
  return lists;
}
