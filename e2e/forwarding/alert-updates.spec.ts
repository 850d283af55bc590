import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver } from "../../test/support/forwarding-receivers";
import { createIngestToken, postUnregisteredDeploy } from "../support/ingest-token";
import { screenshot, signInAs } from "../support/sign-in";

// The SIEM follows an alert's life: an admin adds a webhook destination, an event posted through
// the ingest API raises an alert, which is sent as an OCSF Create; acknowledging and then closing
// it on its page sends an Update and a Close of the same finding. The delivery log names each
// step, and the receiver verifies every message with the `standardwebhooks` package.

type TFinding = {
  activity_name: string;
  status: string;
  status_detail?: string;
  comment?: string;
  finding_info: { uid: string; types: string[] };
  actor?: { user: { uid: string } };
  unmapped: { custody: { alert_number: number } };
};

test("an alert's acknowledgement and close reach the SIEM as updates of its finding, shown in the delivery log", async ({ page }) => {
  test.setTimeout(300_000);
  const webhook = await startWebhookReceiver();
  const stamp = Date.now().toString(36);
  try {
    await signInAs(page, "morgan", "/admin/service-accounts");
    // A token for the ingest API.
    const token = await createIngestToken(page, `Forwarding journey ${stamp}`);

    // A deploy of a digest the registry has never seen raises an alert.
    const deploy = (actorId: string) =>
      postUnregisteredDeploy(page, token, { actorId, digest: (actorId + "0".repeat(64)).replace(/[^0-9a-f]/g, "d").slice(0, 64) });

    // Wait for the detectors' first pass over the demo history (its alerts predate any destination):
    // an alert for a first deploy shows it has finished.
    const warmUp = `svc-siem-warmup-${stamp}`;
    expect((await deploy(warmUp)).status()).toBe(201);
    await expect(async () => {
      await page.goto("/alerts");
      await expect(page.getByRole("link", { name: new RegExp(`${warmUp} put an unregistered digest`) }).first()).toBeVisible({
        timeout: 500,
      });
    }).toPass({ timeout: 240_000, intervals: [2_000] });

    await page.goto("/admin/forwarding/new");
    const name = `SIEM lifecycle ${stamp}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Endpoint").fill(webhook.url);
    await page.getByRole("button", { name: "Add destination" }).click();
    const secret = await page.locator("#revealed-secret-value").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "I have stored it; hide the secret" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();

    const actorId = `svc-siem-journey-${stamp}`;
    expect((await deploy(actorId)).status()).toBe(201);
    // Other alerts may be raised meanwhile (this deploy also skips lifecycle stages): ours is the
    // unverified-digest finding about this actor.
    const verified = () => webhook.received.map((request) => new Webhook(secret).verify(request.body, request.headers) as TFinding);
    const ours = () =>
      verified().filter((finding) => finding.actor?.user.uid === actorId && finding.finding_info.types.includes("unverified_digest"));
    await expect.poll(() => ours().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    const [created] = ours();
    expect(created).toMatchObject({ activity_name: "Create", status: "New" });
    const findingId = created!.finding_info.uid;
    const label = `ALR-${created!.unmapped.custody.alert_number}`;

    // The responder's steps, on the alert's page.
    await page.goto(`/alerts/${findingId}`);
    await page.getByRole("button", { name: "Acknowledge" }).click();
    const ack = page.getByRole("dialog", { name: `Acknowledge ${label}` });
    await ack.getByRole("button", { name: "Acknowledge" }).click();
    await expect(page.getByRole("status").filter({ hasText: "is acknowledged" })).toBeVisible();
    await page.getByRole("button", { name: "Close…" }).click();
    const close = page.getByRole("dialog", { name: `Close ${label}` });
    await close.getByLabel(/True positive/).check();
    await close.getByLabel(/^Note/).fill("Rolled back; the partner's pipeline is fixed.");
    await close.getByRole("button", { name: "Close alert" }).click();
    await expect(page.getByRole("status").filter({ hasText: "is closed" })).toBeVisible();

    await expect.poll(() => ours().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    const steps = ours();
    expect(steps.map((finding) => [finding.activity_name, finding.status])).toEqual([
      ["Create", "New"],
      ["Update", "In Progress"],
      ["Close", "Resolved"],
    ]);
    expect(steps[1]!.status_detail).toMatch(/^Acknowledged by Morgan/);
    expect(steps[2]!.comment).toBe("Rolled back; the partner's pipeline is fixed.");

    // The delivery log names each step of the finding.
    await page.goto("/admin/forwarding");
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    const words = { create: "raised", update: "update", close: "closed" } as const;
    const row = (activity: keyof typeof words) =>
      page.locator(`tr[data-delivery=alert][data-activity=${activity}]`).filter({ hasText: `${label} ${words[activity]}` });
    await expect(row("close")).toContainText("Delivered", { timeout: 15_000 });
    await expect(row("create")).toContainText("Delivered");
    await expect(row("update")).toContainText(/Acknowledged by Morgan/);
    await expect(row("update")).toContainText("Delivered");
    await expect(row("close")).toContainText("Closed as true positive by Morgan");
    await screenshot(page, "forwarding-alert-updates");
    await row("close").getByRole("link", { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`/alerts/${label.slice(4)}$`));
  } finally {
    await webhook.close();
  }
});
