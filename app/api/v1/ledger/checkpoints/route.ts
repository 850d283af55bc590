import { z } from "zod";
import { publicWhen, route, sessionOrToken } from "@/lib/http/route";
import { ZLedgerSeq, ZTreeNumber } from "@/lib/input/ledger-seq";
import { isLedgerPublic, listCheckpoints, readerOrgId } from "@/lib/ledger/tlog-publication";

export const dynamic = "force-dynamic";

const ZCheckpointQuery = z.object({
  before: ZLedgerSeq.transform(BigInt).optional(),
  limit: ZTreeNumber("limit")
    .refine((limit) => limit >= 1 && limit <= 1000, "limit: 1 to 1000")
    .optional(),
});

/** Every signed checkpoint, newest first (keyset pages: `before`), with witness cosignatures. Public when an admin publishes the ledger. */
export const GET = route(
  { auth: publicWhen(() => isLedgerPublic(), sessionOrToken("ledger:read", "ledger.read")), query: ZCheckpointQuery },
  async ({ caller, query }) => listCheckpoints({ orgId: readerOrgId(caller), before: query.before, limit: query.limit ?? 100 }),
);
