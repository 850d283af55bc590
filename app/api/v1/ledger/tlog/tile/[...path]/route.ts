import { z } from "zod";
import { publicWhen, route, sessionOrToken } from "@/lib/http/route";
import { isLedgerPublic, readTlogTile, readerOrgId, tileCacheControl } from "@/lib/ledger/tlog-publication";
import { parseTilePath } from "@/lib/ledger/tlog-tiles";

export const dynamic = "force-dynamic";

const ZHashTile = z.object({ path: z.array(z.string()) }).transform(({ path }, context) => {
  const tile = parseTilePath(path);
  if (tile?.kind !== "hash") {
    context.addIssue({ code: "custom", message: "not a tile path" });
    return z.NEVER;
  }
  return tile;
});

/** C2SP tlog-tiles hash tiles `tile/<L>/<N>[.p/<W>]`. Public when an admin publishes the ledger. */
export const GET = route(
  {
    auth: publicWhen(() => isLedgerPublic(), sessionOrToken("ledger:read", "ledger.read")),
    params: ZHashTile,
    notFound: "There is no such tile: paths are tile/<level>/<index in x-prefixed groups of 3 digits>[.p/<width 1-255>].",
  },
  async ({ caller, params }) => {
    const { bytes, full } = await readTlogTile({ orgId: readerOrgId(caller), tile: params });
    return new Response(new Uint8Array(bytes), {
      headers: { "content-type": "application/octet-stream", "cache-control": tileCacheControl({ full, anonymous: caller === null }) },
    });
  },
);
