import { AppError } from "@/lib/errors/app-error";

/**
 * Refuses a browser request made from another site (Sec-Fetch-Site: cross-site or same-site): a
 * link or form elsewhere carries the person's cookie, not their intent. Same-origin requests,
 * typed URLs and bookmarks ("none"), and non-browser clients (no header) pass.
 */
export function assertNotCrossSite(headers: Headers): void {
  const site = headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") {
    throw new AppError("FORBIDDEN", "This request came from another site, so Custody did not act on it. Open Custody itself and do it from there.");
  }
}
