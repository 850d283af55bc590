import { db } from "@/lib/db";
import { problemResponse } from "@/lib/errors/problem";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for the launcher and load balancers. Public; reveals nothing. */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch (error) {
    return problemResponse(error, "/api/v1/health");
  }
}
