import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { serverEnv } from "@/lib/env";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "No access yet" };

export default async function NoRolePage() {
  const principal = await requirePageAccess("/no-role");
  if (principal.roles.length > 0) redirect("/");
  return (
    <div>
      <h1 className="text-lg font-semibold text-slate-900">You have no role in Custody yet</h1>
      <p className="mt-2 text-sm text-slate-600">
        You are signed in as <strong>{principal.name}</strong> ({principal.email}), but none of your identity-provider groups maps to a
        Custody role, so there is nothing you can see here.
      </p>
      <p className="mt-3 text-sm text-slate-600">
        To get access, ask <strong>{serverEnv().CUSTODY_ROLE_CONTACT}</strong> to add you to the group for your job (for example the
        compliance, incident-response or ML-engineering group).
      </p>
      <div className="mt-6">
        <SignOutButton />
      </div>
    </div>
  );
}
