import "server-only";
import { forbidden, redirect } from "next/navigation";
import { canUseRoute, type TRoute } from "@/lib/authz/routes";
import { getPrincipal } from "./get-principal";
import type { TPrincipal } from "./principal";

/**
 * Every dashboard page starts with this: no session → sign-in; no role at all → the "no role" page;
 * a role without the route's capability → the 403 page.
 */
export async function requirePageAccess(route: TRoute, callbackPath?: string): Promise<TPrincipal> {
  const principal = await getPrincipal();
  if (!principal) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath ?? route)}`);
  if (principal.roles.length === 0 && route !== "/no-role") redirect("/no-role");
  if (!canUseRoute(principal.roles, route)) forbidden();
  return principal;
}
