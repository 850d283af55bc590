import { z } from "zod";
import { db } from "@/lib/db";
import { problemResponse } from "@/lib/errors/problem";
import { authorizeLedgerRead } from "@/lib/ledger/authorize-ledger-read";
import { latestCheckpointSize, proveConsistency } from "@/lib/ledger/prove";

export const dynamic = "force-dynamic";

const ZQuery = z.object({
  from: z.coerce.number({ message: "a tree size (integer ≥ 1)" }).int("an integer").min(1, "1 or more"),
  to: z.coerce.number({ message: "a tree size (integer ≥ 1)" }).int("an integer").min(1, "1 or more").optional(),
});

/** GET ?from=&to= — a consistency proof; to defaults to the latest signed checkpoint's size. */
export async function GET(request: Request) {
  try {
    const query = ZQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { orgId } = await authorizeLedgerRead(request, query);
    const to = query.to ?? (await latestCheckpointSize(db(), orgId));
    return Response.json(await proveConsistency({ client: db(), orgId, from: query.from, to }));
  } catch (error) {
    return problemResponse(error, "/api/v1/ledger/proof/consistency");
  }
}
