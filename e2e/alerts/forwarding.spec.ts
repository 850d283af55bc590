import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { selfSignedCertificate, startSyslogReceiver, startWebhookReceiver } from "../../test/support/forwarding-receivers";
import { parseRfc5424, sdParams } from "../../test/support/rfc5424";
import { screenshot, signInAs } from "../support/sign-in";

// An administrator sends Custody's alerts to the SOC: adds a signed webhook and a syslog-over-TLS
// destination (receivers this test runs on localhost), sends a test to each, and the test checks
// what arrived the way the SIEM would: the Standard Webhooks signature with the `standardwebhooks`
// package, using the secret read from the page that shows it once, and the RFC 5424 message with a
// strict parser. A wrong endpoint is refused in words, on the field.

test("an admin adds a webhook and a syslog destination, sends a test to each, and both arrive verifiable", async ({ page }) => {
  test.setTimeout(180_000);
  const webhook = await startWebhookReceiver();
  const certificate = selfSignedCertificate();
  const syslog = await startSyslogReceiver({ tls: certificate });
  const suffix = Date.now().toString(36);
  try {
    await signInAs(page, "morgan", "/admin/forwarding");
    await expect(page.getByRole("heading", { name: "Forwarding" })).toBeVisible();
    await page.getByRole("link", { name: "Add destination" }).click();
    await expect(page.getByRole("heading", { name: "Add a destination" })).toBeVisible();

    // The webhook: its secret is shown once, here.
    const webhookName = `SOC webhook ${suffix}`;
    await page.getByLabel("Name", { exact: true }).fill(webhookName);
    await page.getByLabel("Endpoint").fill(webhook.url);
    await page.getByLabel("Minimum severity").selectOption("high");
    await page.getByRole("button", { name: "Add destination" }).click();
    await expect(page.getByRole("heading", { name: `Signing secret for ${webhookName}` })).toBeVisible();
    const secret = await page.locator("#revealed-secret-value").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, "forwarding-secret-shown-once");
    await page.getByRole("button", { name: "I have stored it; hide the secret" }).click();
    await expect(page.getByRole("heading", { name: webhookName })).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);

    await page.getByRole("button", { name: "Send a test" }).click();
    await expect(page.getByRole("status").filter({ hasText: "A test finding is queued" })).toBeVisible();
    await expect.poll(() => webhook.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    const request = webhook.received[0]!;
    const payload = new Webhook(secret).verify(request.body, request.headers) as { class_uid: number; finding_info: { title: string } };
    expect(payload).toMatchObject({ class_uid: 2004, finding_info: { title: "Custody test delivery" } });
    await expect(page.locator("tr[data-delivery=test]").first()).toContainText("Delivered", { timeout: 15_000 });
    await expect(page.locator("tr[data-delivery=test]").first()).toContainText("HTTP 200");
    await expect(page.getByRole("button", { name: "Send a test" })).toBeEnabled();
    await screenshot(page, "forwarding-webhook-detail");

    // The syslog destination: a wrong endpoint first, refused on the field.
    await page.goto("/admin/forwarding/new");
    const syslogName = `SOC syslog ${suffix}`;
    await page.getByLabel("Syslog").check();
    await page.getByLabel("Name", { exact: true }).fill(syslogName);
    await page.getByLabel("Endpoint").fill("ftp://siem.example.com:6514");
    await page.getByRole("button", { name: "Add destination" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "The destination was not created: correct the highlighted fields." }),
    ).toBeVisible();
    await expect(page.getByLabel("Endpoint")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Write a syslog endpoint as syslog+tcp://host:port or syslog+tls://host:port.")).toBeVisible();
    await screenshot(page, "forwarding-endpoint-refused");
    await page.getByLabel("Endpoint").fill(syslog.endpoint);
    await page.getByLabel("CA certificate (optional, PEM)").fill(certificate.cert);
    await page.getByLabel("Server name (optional)").fill("syslog.test");
    await page.getByRole("button", { name: "Add destination" }).click();
    await expect(page.getByRole("heading", { name: syslogName })).toBeVisible();
    await page.getByRole("button", { name: "Send a test" }).click();
    await expect.poll(() => syslog.messages.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    const message = parseRfc5424(syslog.messages[0]!);
    expect(message).toMatchObject({ version: 1, facility: 13, severity: 6, appName: "custody", msgId: "TEST", bom: true });
    expect(sdParams(message, "custody@32473")).toMatchObject({ kind: "test" });
    expect(JSON.parse(message.msg!)).toMatchObject({ class_uid: 2004, finding_info: { types: ["test"] } });
    await expect(page.locator("tr[data-delivery=test]").first()).toContainText("Delivered", { timeout: 15_000 });
    await screenshot(page, "forwarding-syslog-detail");

    await page.goto("/admin/forwarding");
    await expect(page.getByRole("link", { name: webhookName })).toBeVisible();
    await expect(page.getByRole("link", { name: syslogName })).toBeVisible();
    await screenshot(page, "forwarding-list");
  } finally {
    await webhook.close();
    await syslog.close();
  }
});
