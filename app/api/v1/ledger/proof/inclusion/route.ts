import { z } from "zod";
import { db } from "@/lib/db";
import { problemResponse } from "@/lib/errors/problem";
import { authorizeLedgerRead } from "@/lib/ledger/authorize-ledger-read";
import { latestCheckpointSize, proveInclusion } from "@/lib/ledger/prove";

export const dynamic = "force-dynamic";

const ZQuery = z.object({
  seq: z.coerce.number({ message: "an entry's seq (integer ≥ 0)" }).int("an integer").min(0, "0 or more"),
  size: z.coerce.number({ message: "a tree size (integer ≥ 1)" }).int("an integer").min(1, "1 or more").optional(),
});

/** GET ?seq=&size= — an inclusion proof; size defaults to the latest signed checkpoint's. */
export async function GET(request: Request) {
  try {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const query = ZQuery.parse(params);
    const { orgId } = await authorizeLedgerRead(request, query);
    const size = query.size ?? (await latestCheckpointSize(db(), orgId));
    return Response.json(await proveInclusion({ client: db(), orgId, seq: query.seq, size }));
  } catch (error) {
    return problemResponse(error, "/api/v1/ledger/proof/inclusion");
  }
}
