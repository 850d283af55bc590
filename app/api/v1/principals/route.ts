import { z } from "zod";
import { searchPrincipals, ZPrincipalSearch } from "@/lib/access/search-principals";
import { searchScopes, ZScopeSearch } from "@/lib/access/search-scopes";
import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";

const ZKind = z.object({
  kind: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(["principal", "scope"], { error: "kind must be principal or scope." }).default("principal")),
});

/**
 * The grant form's pickers, for a signed-in administrator:
 * `?q=&type=user|group|service_account` finds principals; `?kind=scope&q=&type=artifact|project` finds scopes.
 */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const instance = url.pathname;
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to search principals.");
    assertCapability(principal, "access.grant");
    const params = Object.fromEntries(url.searchParams);
    const { kind } = ZKind.parse({ kind: url.searchParams.get("kind") });
    const items = kind === "scope"
      ? await searchScopes({ principal, query: ZScopeSearch.parse({ q: params.q, type: params.type }) })
      : await searchPrincipals({ principal, query: ZPrincipalSearch.parse({ q: params.q, type: params.type }) });
    return Response.json({ items }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemResponse(error, instance, { "cache-control": "no-store" });
  }
}
