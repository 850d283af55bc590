import "server-only";
import { db } from "@/lib/db";

/** Liveness: the database answers. Says nothing else, since anyone may ask. */
export async function checkHealth(): Promise<{ status: "ok" }> {
  await db().$queryRaw`SELECT 1`;
  return { status: "ok" };
}
