import { expect, test } from "@playwright/test";
import { signInAs } from "../support/sign-in";

// A responder checks whether what runs was signed, by whom, and why not when it was not; an
// admin decides who may sign. The demo seed signs the versions for real (keys made at seed time)
// and breaks pcb-inspection-yolov8's two latest on purpose.

test("a version with a verified signature shows its signer on the artifact page", async ({ page }) => {
  await signInAs(page, "riley", "/artifacts/art_defect-detector-resnet50");
  await expect(page.getByRole("heading", { name: "defect-detector-resnet50" })).toBeVisible();
  const verified = page.locator('[data-testid="signature-badge"][data-verdict="verified"]').first();
  await expect(verified).toBeVisible();
  await expect(verified).toContainText("signed");
  await expect(verified).toContainText("Acme model release key (sha256:");
});

test("a failing signature shows why, on the artifact page and in the timeline's versions", async ({ page }) => {
  await signInAs(page, "riley", "/artifacts/art_pcb-inspection-yolov8");
  const rows = page.locator('tr[data-testid^="version-"]');
  const latest = rows.first();
  await expect(latest.locator('[data-testid="signature-badge"]')).toHaveAttribute("data-verdict", "failed");
  await expect(latest.locator('[data-testid="signature-badge"]')).toContainText("signed digest is not this version's");
  await expect(latest.getByTestId("signature-reason")).toContainText("is not this version's digest");
  const previous = rows.nth(1);
  await expect(previous.locator('[data-testid="signature-badge"]')).toContainText("signer not allowed by policy");
  await expect(previous.getByTestId("signature-reason")).toContainText("is not an allowed signer");

  await page.goto("/artifacts/art_pcb-inspection-yolov8/timeline");
  await expect(page.locator('[data-testid="version"] [data-testid="signature-badge"][data-verdict="failed"]').first()).toBeVisible();
});

test("a production version's lineage names its builder, datasets and base model", async ({ page }) => {
  await signInAs(page, "riley", "/environments?environment=prod");
  const firstArtifact = page.locator('[data-testid="deployed-row"] a').first();
  await expect(page.locator('[data-testid="deployed-row"] [data-testid="signature-badge"]').first()).toBeVisible();
  const href = await firstArtifact.getAttribute("href");
  await page.goto(href!.replace(/\/timeline.*$/, ""));
  const lineage = page.getByTestId("lineage");
  await expect(lineage).toContainText("https://ci.acme-robotics.example/runners/gpu-training@v3");
  await expect(lineage).toContainText("Datasets");
  await expect(lineage).toContainText("hf://datasets/acme-robotics/");
});

test("an admin allows a signer, and removes it after confirming", async ({ page }) => {
  await signInAs(page, "morgan", "/admin/signer-policy?project=factory-inspection");
  await expect(page.getByRole("heading", { name: "Signer policy" })).toBeVisible();
  await expect(page.getByText("Acme model release key").first()).toBeVisible();
  await page.getByLabel("Certificate identity").fill("release-bot@acme-robotics.example");
  await page.getByLabel("OIDC issuer").fill("not a url");
  await page.getByRole("button", { name: /Allow signer for/ }).click();
  await expect(page.getByText("The OIDC issuer is an https:// URL")).toBeVisible();
  await page.getByLabel("OIDC issuer").fill("https://token.actions.githubusercontent.com");
  await page.getByRole("button", { name: /Allow signer for/ }).click();
  await expect(page.getByText("release-bot@acme-robotics.example may now sign")).toBeVisible();
  const row = page.getByRole("row", { name: /release-bot@acme-robotics\.example/ }).first();
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("dialog")).toContainText("Signatures already verified keep their verdict");
  await page.getByRole("button", { name: "Remove signer" }).click();
  await expect(page.getByText("may no longer sign")).toBeVisible();
  await expect(page.getByRole("row", { name: /release-bot@acme-robotics\.example/ })).toHaveCount(0);
});

test("others cannot open the signer policy, and the API refuses strangers with problem details", async ({ page, request }) => {
  await signInAs(page, "riley", "/admin/signer-policy");
  await expect(page.getByText(/403|not allowed|permission/i).first()).toBeVisible();
  const anonymous = await request.post("/api/v1/artifacts/art_defect-detector-resnet50/versions/1/signatures", {
    data: { document: "{}" },
    headers: { authorization: "Bearer cust_nope" },
  });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toContain("application/problem+json");
});
