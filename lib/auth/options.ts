import "server-only";
import type { NextAuthOptions } from "next-auth";
import { serverEnv } from "@/lib/env";
import { sameOriginUrl } from "@/lib/http/same-origin-url";
import { endSession } from "./end-session";
import { recordSignIn } from "./record-sign-in";

type TOidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string; [claim: string]: unknown };

function groupsFrom(profile: TOidcProfile, claim: string): string[] {
  const value = profile[claim];
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === "string");
  if (typeof value === "string") return [value];
  return [];
}

// next-auth with one OIDC provider: authorization code flow with PKCE, state and nonce. The JWT
// cookie carries only the server-side session id (AuthSession), so signing out ends the session.
export function authOptions(): NextAuthOptions {
  const env = serverEnv();
  const prompt = env.OIDC_PROMPT;
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.CUSTODY_SESSION_MAX_AGE },
    pages: { signIn: "/signin", error: "/signin", signOut: "/signed-out" },
    providers: [
      {
        id: "oidc",
        name: "Single sign-on",
        type: "oauth",
        wellKnown: `${env.OIDC_ISSUER}/.well-known/openid-configuration`,
        clientId: env.OIDC_CLIENT_ID,
        clientSecret: env.OIDC_CLIENT_SECRET,
        authorization: { params: { scope: `openid email profile ${env.OIDC_GROUPS_CLAIM}`, ...(prompt ? { prompt } : {}) } },
        idToken: true,
        checks: ["pkce", "state", "nonce"],
        profile(profile: TOidcProfile) {
          return {
            id: profile.sub,
            email: profile.email ?? null,
            name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
          };
        },
      },
    ],
    callbacks: {
      // Every callbackUrl (sign-in, sign-out, errors) stays on Custody: "/\evil" and the like go to "/".
      async redirect({ url }) {
        return sameOriginUrl(url, env.NEXTAUTH_URL).href;
      },
      async jwt({ token, profile }) {
        if (profile) {
          const oidc = profile as TOidcProfile;
          const { sessionId } = await recordSignIn({
            subject: oidc.sub,
            email: oidc.email ?? `${oidc.sub}@unknown.invalid`,
            name: oidc.name ?? oidc.preferred_username ?? oidc.sub,
            groups: groupsFrom(oidc, env.OIDC_GROUPS_CLAIM),
          });
          return { sid: sessionId, sub: oidc.sub };
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession({ sessionId: token.sid, reason: "signed out" });
      },
    },
  };
}
