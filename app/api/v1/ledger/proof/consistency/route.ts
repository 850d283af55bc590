import { z } from "zod";
import { route, sessionOrToken } from "@/lib/http/route";
import { ZTreeNumber } from "@/lib/input/ledger-seq";
import { authorizeLedgerRead } from "@/lib/ledger/authorize-ledger-read";
import { proveConsistency } from "@/lib/ledger/prove";

export const dynamic = "force-dynamic";

const ZQuery = z.object({ from: ZTreeNumber("from (a tree size, 1 or more)"), to: ZTreeNumber("to (a tree size, 1 or more)").optional() });

/** GET ?from=&to= — a consistency proof; to defaults to the latest signed checkpoint's size. */
export const GET = route({ auth: sessionOrToken("ledger:read", "ledger.read"), query: ZQuery }, async ({ caller, request, url, query }) => {
  const { orgId } = await authorizeLedgerRead({ caller, request, url, query });
  return proveConsistency({ orgId, from: query.from, to: query.to });
});
