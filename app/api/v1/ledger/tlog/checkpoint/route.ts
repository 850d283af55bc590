import { publicWhen, route, sessionOrToken } from "@/lib/http/route";
import { isLedgerPublic, readTlogCheckpoint, readerOrgId } from "@/lib/ledger/tlog-publication";

export const dynamic = "force-dynamic";

/** C2SP tlog-tiles `checkpoint`: the latest signed checkpoint with its witnesses' cosignatures. Public when an admin publishes the ledger. */
export const GET = route({ auth: publicWhen(() => isLedgerPublic(), sessionOrToken("ledger:read", "ledger.read")) }, async ({ caller }) => {
  const note = await readTlogCheckpoint({ orgId: readerOrgId(caller) });
  return new Response(note, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" } });
});
