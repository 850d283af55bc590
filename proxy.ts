import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { proxyEnv } from "@/lib/env";
import { createNonce, originOf, securityHeaders } from "@/lib/http/security-headers";

// Every response gets the security headers, with a fresh CSP nonce that Next.js puts on its own
// scripts (it reads the nonce from the request's Content-Security-Policy). Pages also learn their
// path (x-custody-pathname) so the dashboard layout can answer 403 before a page streams.
// Only "signed in?" is decided here; every page, action and handler checks permissions itself.

const sessionFree = /^\/(api\/|signin|signed-out)/;

export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const forwardedProto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const env = proxyEnv();
  const headers = securityHeaders({
    nonce,
    idpOrigin: originOf(env.OIDC_ISSUER),
    development: process.env.NODE_ENV === "development",
    https: (env.NEXTAUTH_URL ?? "").startsWith("https://") || forwardedProto === "https",
  });
  const { pathname, search } = request.nextUrl;

  if (!sessionFree.test(pathname) && !(await getToken({ req: request, secret: env.NEXTAUTH_SECRET }))) {
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("callbackUrl", pathname + search);
    return withHeaders(NextResponse.redirect(signIn), headers);
  }

  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"]!);
  forwarded.set("x-custody-pathname", pathname);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but Next.js's static files (they get the static headers of next.config.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
