import { z } from "zod";
import { route, sessionOrToken } from "@/lib/http/route";
import { ZTreeNumber } from "@/lib/input/ledger-seq";
import { authorizeLedgerRead } from "@/lib/ledger/authorize-ledger-read";
import { proveInclusion } from "@/lib/ledger/prove";

export const dynamic = "force-dynamic";

const ZQuery = z.object({
  seq: ZTreeNumber("seq (an entry's seq, 0 or more)"),
  size: ZTreeNumber("size (a tree size, 1 or more)").optional(),
});

/** GET ?seq=&size= — an inclusion proof; size defaults to the latest signed checkpoint's. */
export const GET = route({ auth: sessionOrToken("ledger:read", "ledger.read"), query: ZQuery }, async ({ caller, request, url, query }) => {
  const { orgId } = await authorizeLedgerRead({ caller, request, url, query });
  return proveInclusion({ orgId, seq: query.seq, size: query.size });
});
