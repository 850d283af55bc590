import { route, sessionOrToken } from "@/lib/http/route";
import { authorizeLedgerRead } from "@/lib/ledger/authorize-ledger-read";
import { getLatestCheckpoint } from "@/lib/ledger/get-latest-checkpoint";

export const dynamic = "force-dynamic";

/** The latest signed checkpoint, as a signed note (text/plain) or JSON (Accept: application/json). */
export const GET = route({ auth: sessionOrToken("ledger:read", "ledger.read") }, async ({ caller, request, url }) => {
  const { orgId } = await authorizeLedgerRead({ caller, request, url, query: { checkpoint: "latest" } });
  const checkpoint = await getLatestCheckpoint({ orgId });
  if ((request.headers.get("accept") ?? "").includes("application/json")) return checkpoint;
  return new Response(checkpoint.note, { headers: { "content-type": "text/plain; charset=utf-8" } });
});
