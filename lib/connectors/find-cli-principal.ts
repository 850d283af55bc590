import "server-only";
import { principalOfUser, type TPrincipal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/**
 * The person a command on the server acts as (`--as <email>`): an enabled user whose roles, as
 * of their last sign-in, the domain functions then check like a session's. Recorded as that person.
 */
export async function findCliPrincipal({ client, orgId, email }: { client: Db; orgId: string; email: string }): Promise<TPrincipal> {
  const user = await client.user.findFirst({ where: { orgId, email: { equals: email.trim(), mode: "insensitive" } } });
  if (!user) throw new AppError("NOT_FOUND", `There is no user ${email} in organisation ${orgId}; sign in to Custody once first.`);
  if (user.disabledAt) throw new AppError("FORBIDDEN", `User ${user.email} is disabled.`);
  return principalOfUser(user, "cli");
}
