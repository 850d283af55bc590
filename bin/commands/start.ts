import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { assertPortFree } from "../launcher/assert-port-free";
import { resolveLaunchConfig, webServerVariablesFromLauncher, type TLaunchConfig } from "../launcher/launch-config";
import { startLocalIdp } from "../launcher/local-idp";
import { openDatabase } from "../launcher/open-database";
import { loadOrCreateSecrets } from "../launcher/secrets";
import { demoIdpAccounts } from "../launcher/demo-idp-accounts";
import { loadOrCreateLedgerKey } from "../../lib/ledger/ledger-key";
import { loadOrCreateEvidenceKey } from "../../lib/evidence/bundle/evidence-key";
import { custodyEvidenceEngine } from "../../lib/evidence/generate/custody-evidence-engine";
import { startEvidenceJobs } from "../../lib/jobs/evidence-jobs";
import { startLedgerJobs } from "../../lib/jobs/ledger-jobs";
import { startReviewJobs } from "../../lib/jobs/review-jobs";
import { startAlertJobs } from "../../lib/jobs/alert-jobs";
import { startForwardingJobs } from "../../lib/jobs/forwarding-jobs";
import { startControlJobs } from "../../lib/jobs/controls-jobs";
import { parseVerifierKey } from "../../lib/ledger/signed-note";
import { startVerificationRequests } from "../../lib/jobs/verification-requests";
import { nextChildEnv, webServerSpawnOptions, webServerUser } from "../launcher/web-server-spawn";
import { ensureWebServerUser, prepareNextDirs } from "../launcher/web-server-user";
import { checkServerEnv, keyMaterialFrom } from "../../lib/env";
import { seedIfWanted } from "./seed";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(projectRoot, "node_modules/next/dist/bin/next");
const log = (line: string) => console.log(`custody: ${line}`);

export async function runStart(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { dev: { type: "boolean", default: false } } });
  const config = resolveLaunchConfig();
  // The web server reads these on first use; a wrong value must stop start-up, not fail requests.
  checkServerEnv(process.env, { suppliedByLauncher: webServerVariablesFromLauncher });
  await assertPortFree(config.PORT, "PORT");
  if (!config.externalIdp) await assertPortFree(config.CUSTODY_IDP_PORT, "CUSTODY_IDP_PORT");

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(`custody: while stopping: ${String(error)}`));
  };
  try {
    const database = await openDatabase(config, log);
    stops.push(database.close);
    await seedIfWanted({ config, database, log });
    const orgId = config.CUSTODY_ORG_ID;
    const { key } = loadOrCreateLedgerKey(config.dataDir, orgId);
    // Signs evidence bundles' manifests; like the ledger key, only this process holds it.
    const evidenceKey = loadOrCreateEvidenceKey(config.dataDir, config.CUSTODY_EVIDENCE_SIGNING_KEY);
    const jobs = await startLedgerJobs({ ledgerUrl: database.ledgerUrl, ownerUrl: database.ownerUrl, orgId, key, log });
    stops.push(jobs.stop);
    const verificationRequests = await startVerificationRequests({
      ledgerUrl: database.ledgerUrl,
      verifiers: [parseVerifierKey(key.verifierKey)],
      log,
    });
    stops.push(verificationRequests.stop);
    const reviewJobs = await startReviewJobs({ appUrl: database.appUrl, ownerUrl: database.ownerUrl, publicUrl: config.publicUrl, log });
    stops.push(reviewJobs.stop);
    const evidenceJobs = await startEvidenceJobs({
      appUrl: database.appUrl,
      engine: custodyEvidenceEngine,
      signer: evidenceKey,
      ledgerVerifierKey: key.verifierKey,
      log,
    });
    stops.push(evidenceJobs.stop);
    stops.push((await startAlertJobs({ appUrl: database.appUrl, orgId, publicUrl: config.publicUrl, log })).stop);
    // The web server's key material (its CUSTODY_TOTP_KEY or NEXTAUTH_SECRET) seals webhook secrets; the forwarder opens them with it.
    const keyMaterial = keyMaterialFrom({
      ...process.env,
      NEXTAUTH_SECRET: config.NEXTAUTH_SECRET ?? loadOrCreateSecrets(config.dataDir).nextAuthSecret,
    });
    const forwarding = await startForwardingJobs({ appUrl: database.appUrl, keyMaterial, publicUrl: config.publicUrl, orgId, log });
    stops.push(forwarding.stop);
    stops.push((await startControlJobs({ appUrl: database.appUrl, ownerUrl: database.ownerUrl, orgId, log })).stop);
    const oidc = await startIdentityProvider(config, stops);
    if (!values.dev && !existsSync(path.join(projectRoot, ".next/BUILD_ID"))) {
      log("No production build yet: building once (next build)…");
      const code = await run(process.execPath, [nextBin, "build"]);
      if (code !== 0) throw new Error("next build failed (see above)");
    }
    const secrets = loadOrCreateSecrets(config.dataDir);
    const identity = ensureWebServerUser();
    if (!identity) warnKeyNotIsolated(config.dataDir);
    else log(`The web server runs as the OS user ${identity.name}, which cannot read ${config.dataDir} (signing key, database passwords).`);
    const cacheDir = prepareNextDirs({ projectRoot, identity, dev: values.dev });
    const app = spawn(
      process.execPath,
      [nextBin, values.dev ? "dev" : "start", "-p", String(config.PORT), "-H", config.HOST],
      webServerSpawnOptions({
        baseEnv: process.env,
        projectRoot,
        appUrl: database.appUrl,
        publicUrl: config.publicUrl,
        nextAuthSecret: config.NEXTAUTH_SECRET ?? secrets.nextAuthSecret,
        ledgerPublicKey: key.verifierKey,
        evidencePublicKey: evidenceKey.publicKeyPem,
        identityProvider: oidc,
        identity,
        cacheDir,
      }),
    );
    stops.push(() => stopChild(app));
    await waitForHttp(`${config.publicUrl}/api/v1/health`, app);
    printBanner(config);
    const code = await new Promise<number>((resolve) => {
      const finish = (signal: string) => {
        log(`${signal}: stopping…`);
        resolve(0);
      };
      process.once("SIGINT", () => finish("interrupted"));
      process.once("SIGTERM", () => finish("terminated"));
      app.once("exit", (exitCode) => {
        console.error(`custody: the web server exited (code ${exitCode}); stopping.`);
        resolve(1);
      });
    });
    await stopAll();
    log("stopped.");
    return code;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startIdentityProvider(config: TLaunchConfig, stops: (() => Promise<void>)[]): Promise<Record<string, string>> {
  if (config.externalIdp) {
    return { OIDC_ISSUER: config.OIDC_ISSUER!, OIDC_CLIENT_ID: config.OIDC_CLIENT_ID!, OIDC_CLIENT_SECRET: config.OIDC_CLIENT_SECRET! };
  }
  const secrets = loadOrCreateSecrets(config.dataDir);
  const idp = await startLocalIdp({
    port: config.CUSTODY_IDP_PORT,
    clientId: "custody-local",
    clientSecret: secrets.idpClientSecret,
    redirectUris: [`${config.publicUrl}/api/auth/callback/oidc`],
    postLogoutRedirectUris: [`${config.publicUrl}/signed-out`],
    accounts: demoIdpAccounts(),
    cookieKeys: secrets.idpCookieKeys,
    signingKey: secrets.idpSigningKey,
  });
  stops.push(idp.stop);
  log(`Local OIDC provider (demo users) at ${idp.issuer}`);
  // The local IdP asks who to sign in as every time, so one browser can switch personas.
  return { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: "custody-local", OIDC_CLIENT_SECRET: secrets.idpClientSecret, OIDC_PROMPT: "login" };
}

function printBanner(config: TLaunchConfig): void {
  const lines = [``, `  Custody is running at ${config.publicUrl}`, ``];
  if (config.externalIdp) {
    lines.push(`  Sign-in: your IdP at ${config.OIDC_ISSUER}`);
  } else {
    lines.push(`  Sign in through the local demo IdP (no passwords) as:`);
    for (const account of demoIdpAccounts()) lines.push(`    ${account.subject.padEnd(8)} ${account.name.padEnd(16)} ${account.summary}`);
  }
  lines.push(``, `  Ctrl-C stops everything.`, ``);
  console.log(lines.join("\n"));
}

function warnKeyNotIsolated(dataDir: string): void {
  const user = process.env.USER ?? `uid ${process.getuid?.() ?? "?"}`;
  console.warn(`custody: WARNING: the ledger signing key is not isolated. The web server runs as ${user}, like this launcher, so a compromised
  web server could read ${dataDir} (the signing key and the database superuser password). To isolate it, start Custody as
  root (the web server then runs as the OS user ${webServerUser}), or run the web server yourself under another OS user with
  only DATABASE_URL (the custody_app role), NEXTAUTH_SECRET and CUSTODY_LEDGER_PUBLIC_KEY. See README, "Security".`);
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: "inherit", env: nextChildEnv(process.env) });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web server exited during start-up (code ${child.exitCode})`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the web server did not answer at ${url} within 120 s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
