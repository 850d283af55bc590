import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's sign-in, callback and sign-out endpoints (public by design: they are the way in).
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
