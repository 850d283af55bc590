import { randomUUID } from "node:crypto";
import { generate } from "otplib";
import type { TPrincipal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/kits/test-principal";
import { db } from "@/lib/db";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { AppError, type TErrorCode } from "@/lib/errors/app-error";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { freshDomainDatabase } from "@/test/fresh-database";
import { confirmTotpEnrollment } from "@/lib/auth/totp/confirm-totp-enrollment";
import { startTotpEnrollment } from "@/lib/auth/totp/start-totp-enrollment";
import { createCampaign, type TCreateCampaignInput } from "../../lib/reviews/create-campaign";
import { launchCampaign } from "../../lib/reviews/launch-campaign";
import { expectRefused } from "@/test/kits/expect-refused";

// For the access-review tests: a fresh, migrated database holding the demo organisation (Acme
// Robotics), used by the domain's own client (db()); the personas as principals; a clock that
// the tests control, and helpers to write ledger usage and TOTP codes.

export const ORG = "org_demo";
export const DAY_MS = 86_400_000;
/** The demo organisation is generated as of this moment; tests move the clock from here. */
export const T0 = new Date("2026-11-02T09:00:00.000Z");
export const at = (days: number, from = T0) => new Date(from.getTime() + days * DAY_MS);

export async function openReviewDatabase() {
  const database = await freshDomainDatabase();
  process.env.NEXTAUTH_SECRET ??= "review-tests-secret-that-is-long-enough-for-aes";
  await seedDemoData({ db: database.db, now: T0 });
  return database;
}

export const principalFor = (userId: string): Promise<TPrincipal> => testPrincipal(db(), userId);

export const personas = async () => ({
  casey: await principalFor("usr_casey"),
  sam: await principalFor("usr_sam"),
  jordan: await principalFor("usr_jordan"),
  avery: await principalFor("usr_avery"),
  morgan: await principalFor("usr_morgan"),
  riley: await principalFor("usr_riley"),
});

/** Creates and launches a campaign as `officer` at `now`. */
export async function launchTestCampaign(officer: TPrincipal, input: Partial<TCreateCampaignInput>, now = T0) {
  const campaign = await createCampaign({
    principal: officer,
    input: {
      name: "Vision quarterly access review",
      fallbackReviewerId: "usr_casey",
      dueAt: at(21, now).toISOString(),
      scope: { projectIds: ["prj_factory-inspection"] },
      ...input,
    },
    now,
  });
  const launch = await launchCampaign({ principal: officer, campaignId: campaign.id, now });
  return { campaign, launch };
}

/** A ledger event as a source would send it. */
export function usageEvent(parts: {
  action: string;
  actorId: string;
  artifactId?: string;
  digest?: string;
  environment?: string;
  occurredAt: Date;
  status?: "success" | "failure" | "denied";
}): TEvent {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: parts.occurredAt.toISOString(),
    source: { system: "mlflow", component: "model-registry" },
    interface: "sdk",
    action: parts.action,
    actor: { id: parts.actorId, type: "user" },
    target: {
      ...(parts.artifactId ? { artifactId: parts.artifactId } : {}),
      ...(parts.digest ? { digest: parts.digest } : {}),
      ...(parts.environment ? { environment: parts.environment } : {}),
    },
    outcome: { status: parts.status ?? "success" },
  };
}

export async function ingest(events: TEvent[]) {
  return ingestEvents({ orgId: ORG, submitter: { type: "system", id: "review-tests" }, events });
}

/** A TOTP code for `secret` at `now` (the server checks codes against the same clock). */
export function codeAt(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

/** Enrols an authenticator for `principal` at `now` and returns its secret. */
export async function enrollTotp(principal: TPrincipal, now: Date): Promise<string> {
  const { secret } = await startTotpEnrollment({ principal, now });
  await confirmTotpEnrollment({ principal, code: await codeAt(secret, now), now });
  return secret;
}

export const refused = (code: TErrorCode, action: () => Promise<unknown>): Promise<AppError> => expectRefused(code, action);

/** The canonical (hashed) event of a ledger entry, parsed. */
export function canonicalEvent(entry: { canonical: Uint8Array }): {
  action: string;
  actor: { id: string };
  outcome: { status: string };
  details: Record<string, unknown>;
} {
  return JSON.parse(Buffer.from(entry.canonical).toString("utf8"));
}

export async function ledgerEvents(action: string) {
  const entries = await db().ledgerEntry.findMany({ where: { orgId: ORG, action }, orderBy: { seq: "asc" } });
  return entries.map(canonicalEvent);
}
