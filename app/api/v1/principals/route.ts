import { z } from "zod";
import { searchPrincipals, ZPrincipalSearch } from "@/lib/access/search-principals";
import { searchScopes, ZScopeSearch } from "@/lib/access/search-scopes";
import { route, session } from "@/lib/http/route";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";

export const dynamic = "force-dynamic";

const ZQuery = z.object({
  kind: z.preprocess(blankToUndefined, z.enum(["principal", "scope"], { error: "kind must be principal or scope." }).default("principal")),
  q: z.string().optional(),
  type: z.string().optional(),
});

/**
 * The grant form's pickers, for a signed-in administrator:
 * `?q=&type=user|group|service_account` finds principals; `?kind=scope&q=&type=artifact|project` finds scopes.
 */
export const GET = route({ auth: session("access.grant"), query: ZQuery }, async ({ principal, query }) => {
  const { kind, q, type } = query;
  const items =
    kind === "scope"
      ? await searchScopes({ principal, query: ZScopeSearch.parse({ q, type }) })
      : await searchPrincipals({ principal, query: ZPrincipalSearch.parse({ q, type }) });
  return { items };
});
