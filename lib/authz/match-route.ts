import { routeRules, type TRoute } from "./routes";

// Which route of the permission map a page's path is ("/reviews/new" before "/reviews/[campaignId]"),
// so access can be decided before a page starts streaming and the answer carries a real 403.

const pageRoutes = (Object.keys(routeRules) as TRoute[])
  .filter((route) => !route.startsWith("/api/"))
  .map((route) => ({ route, segments: route.split("/").filter(Boolean) }))
  // More literal segments first: a literal beats a [param] at the same place.
  .sort(
    (a, b) =>
      b.segments.filter((segment) => !segment.startsWith("[")).length - a.segments.filter((segment) => !segment.startsWith("[")).length,
  );

/** The page route a path belongs to, or null (unknown paths are left to the pages' not-found). */
export function matchPageRoute(pathname: string): TRoute | null {
  const segments = pathname.split("/").filter(Boolean);
  for (const { route, segments: pattern } of pageRoutes) {
    if (pattern.length !== segments.length) continue;
    if (pattern.every((part, index) => part.startsWith("[") || part === segments[index])) return route;
  }
  return null;
}
