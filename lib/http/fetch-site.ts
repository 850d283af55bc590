import { AppError } from "@/lib/errors/app-error";

// A session cookie rides along on requests another site starts (links, images, forms: SameSite=Lax
// lets top-level GETs through), so a read recorded in the signed-in person's name must come from
// Custody's own pages. Browsers say where a request comes from in Sec-Fetch-Site, which pages cannot
// forge; clients that are not browsers (curl, SDKs) send none and are not ambient-cookie victims.

/** Sec-Fetch-Site values Custody accepts: its own pages, or an address typed or bookmarked. */
const allowedFetchSites = new Set(["same-origin", "none"]);

/**
 * Refuses (403) a request another site made: Sec-Fetch-Site `cross-site`, or `same-site` (another
 * origin of the same site, such as a neighbouring port or subdomain). Absent means not a browser.
 */
export function assertSameOriginRequest(request: Pick<Request, "headers">): void {
  const site = request.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site === undefined || site === "" || allowedFetchSites.has(site)) return;
  throw new AppError(
    "FORBIDDEN",
    `This request came from another site (Sec-Fetch-Site: ${site.slice(0, 40)}), so Custody did not act on it in your name and recorded nothing. Open Custody itself and do it from there.`,
    { extra: { fetchSite: site.slice(0, 40) } },
  );
}
