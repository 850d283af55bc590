import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getPrincipal } from "@/lib/auth/get-principal";
import { serverEnv } from "@/lib/env";
import { sameOriginPath } from "@/lib/http/same-origin-url";
import { SignInButton } from "./sign-in-button";

export const metadata: Metadata = { title: "Sign in" };

const errorMessages: Record<string, string> = {
  OAuthSignin: "Could not start the sign-in with your identity provider. Is it reachable?",
  OAuthCallback: "Your identity provider's answer could not be verified (state, nonce or PKCE check failed). Please try again.",
  Callback: "Signing in failed while recording your session. Please try again.",
  AccessDenied: "Your identity provider denied the sign-in.",
  SessionRequired: "Please sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only Custody's own pages may be a callback, so a crafted link cannot send people elsewhere.
  const target = sameOriginPath(callbackUrl, serverEnv().NEXTAUTH_URL);
  if (await getPrincipal()) redirect(target);
  return (
    <div>
      <h1 className="text-lg font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Custody uses your organisation&apos;s single sign-on. It never asks for a password.
      </p>
      {error ? (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorMessages[error] ?? "Sign-in failed. Please try again."}
        </p>
      ) : null}
      <SignInButton callbackUrl={target} />
    </div>
  );
}
