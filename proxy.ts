import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// Only "signed in?" is decided here; every page, action and handler checks permissions itself.
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the sign-in machinery, the machine API (token-authenticated) and static files.
  matcher: ["/((?!api/|signin|signed-out|_next/|favicon.ico).*)"],
};
