import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { authorizeLedgerRead } from "@/lib/ledger/authorize-ledger-read";

export const dynamic = "force-dynamic";

/** The latest signed checkpoint, as a signed note (text/plain) or JSON (Accept: application/json). */
export async function GET(request: Request) {
  try {
    const { orgId } = await authorizeLedgerRead(request, { checkpoint: "latest" });
    const checkpoint = await db().ledgerCheckpoint.findFirst({ where: { orgId }, orderBy: [{ size: "desc" }, { id: "desc" }] });
    if (!checkpoint) throw new AppError("NOT_FOUND", "No checkpoint has been signed yet: the ledger is empty.");
    if ((request.headers.get("accept") ?? "").includes("application/json")) {
      return Response.json({ size: checkpoint.size.toString(), rootHash: Buffer.from(checkpoint.rootHash).toString("hex"), signedAt: checkpoint.createdAt.toISOString(), note: checkpoint.note });
    }
    return new Response(checkpoint.note, { headers: { "content-type": "text/plain; charset=utf-8" } });
  } catch (error) {
    return problemResponse(error, "/api/v1/ledger/checkpoint");
  }
}
