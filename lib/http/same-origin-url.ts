// Where a redirect may send someone: only somewhere on Custody itself. The target is resolved as a
// browser would (WHATWG URL: "\" is "/", tabs and newlines vanish, "/\evil" and "/%09/evil" name
// another host), then its origin must be Custody's; anything else becomes the overview, "/".

/** The target as an absolute URL on `origin`, or `origin`'s "/" when it would leave it. */
export function sameOriginUrl(target: string | null | undefined, origin: string): URL {
  const home = new URL("/", origin);
  if (!target) return home;
  let resolved: URL;
  try {
    resolved = new URL(target, home);
  } catch {
    return home;
  }
  if (resolved.origin !== home.origin) return home;
  // "/.//evil" resolves to the path "//evil", which a Location header would read as a host.
  resolved.pathname = resolved.pathname.replace(/^\/{2,}/, "/");
  return resolved;
}

/** The same, as a path with its query and fragment ("/ledger?window=7d"), for links and callbacks. */
export function sameOriginPath(target: string | null | undefined, origin: string): string {
  const url = sameOriginUrl(target, origin);
  return `${url.pathname}${url.search}${url.hash}`;
}
