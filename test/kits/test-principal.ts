import { principalOfUser, type TPrincipal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db";

/** The principal a stored user acts as in a test: their roles as the database holds them, a session of the test's own. */
export async function testPrincipal(db: Db, userId: string): Promise<TPrincipal> {
  return principalOfUser(await db.user.findUniqueOrThrow({ where: { id: userId } }), `test_${userId}`);
}
