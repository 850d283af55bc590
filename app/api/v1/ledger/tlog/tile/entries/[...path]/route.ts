import { z } from "zod";
import { route, sessionOrToken } from "@/lib/http/route";
import { authorizeLedgerRead } from "@/lib/ledger/authorize-ledger-read";
import { readTlogTile, tileCacheControl } from "@/lib/ledger/tlog-publication";
import { parseTilePath } from "@/lib/ledger/tlog-tiles";

export const dynamic = "force-dynamic";

const ZEntryBundle = z.object({ path: z.array(z.string()) }).transform(({ path }, context) => {
  const tile = parseTilePath(["entries", ...path]);
  if (tile?.kind !== "entries") {
    context.addIssue({ code: "custom", message: "not an entry bundle path" });
    return z.NEVER;
  }
  return tile;
});

/** C2SP tlog-tiles entry bundles `tile/entries/<N>[.p/<W>]`: the canonical bytes. Always behind ledger.read; a person's read is recorded. */
export const GET = route(
  {
    auth: sessionOrToken("ledger:read", "ledger.read"),
    params: ZEntryBundle,
    notFound: "There is no such entry bundle: paths are tile/entries/<index in x-prefixed groups of 3 digits>[.p/<width 1-255>].",
  },
  async ({ caller, params, request, url }) => {
    const { orgId } = await authorizeLedgerRead({ caller, request, url, query: { bundle: params.index, width: params.width } });
    const { bytes, full } = await readTlogTile({ orgId, tile: params });
    return new Response(new Uint8Array(bytes), {
      headers: { "content-type": "application/octet-stream", "cache-control": tileCacheControl({ full, anonymous: false }) },
    });
  },
);
