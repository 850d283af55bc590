import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildTestBundle, evidenceSigner, ledgerVerifierKey, otherEvidenceSigner, rezip } from "@/test/kits/evidence-bundle-kit";
import { runVerifyBundle } from "./verify-bundle";

const dir = mkdtempSync(path.join(tmpdir(), "custody-verify-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, bytes: Uint8Array | string) => {
  writeFileSync(path.join(dir, name), bytes);
  return path.join(dir, name);
};

async function run(args: string[]) {
  let output = "";
  const code = await runVerifyBundle(args, (text) => (output += text));
  return { code, output };
}

describe("custody verify-bundle", () => {
  it("exits 0 for a bundle signed by the given key, 3 without a key, 1 against another key", async () => {
    const { zip } = await buildTestBundle();
    const bundle = write("bundle.zip", zip);
    const key = write("evidence.pem", evidenceSigner.publicKeyPem);
    const other = write("other.pem", otherEvidenceSigner.publicKeyPem);
    const trusted = await run([bundle, "--key", key, "--ledger-key", ledgerVerifierKey]);
    expect(trusted.code).toBe(0);
    expect(trusted.output).toMatch(/^PASS {2}archive/m);
    expect(trusted.output).toContain("VERIFIED: 8 ledger entries");
    const unknown = await run([bundle]);
    expect(unknown.code).toBe(3);
    expect(unknown.output).toMatch(/WARN {2}manifest\.signature +signed by an unknown key/);
    const wrong = await run([bundle, "--key", other]);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/FAIL {2}manifest\.signature +signed by another key/);
  });

  it("names the altered file and writes nothing next to the bundle", async () => {
    const { files } = await buildTestBundle();
    const bundle = write(
      "tampered.zip",
      rezip(files, (copy) => copy.get("report.pdf")!.set([0x58], 12)),
    );
    const before = readdirSync(dir).sort();
    const result = await run([bundle, "--key", write("evidence.pem", evidenceSigner.publicKeyPem), "--json"]);
    expect(result.code).toBe(1);
    const verdict = JSON.parse(result.output) as { checks: { name: string; status: string }[] };
    expect(verdict.checks.filter((check) => check.status === "fail").map((check) => check.name)).toEqual(["digest report.pdf"]);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("exits 2 for a missing file, a bad key or no argument", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run([path.join(dir, "nope.zip")])).code).toBe(2);
    expect((await run([write("b.zip", "x"), "--key", write("bad.pem", "not a key")])).code).toBe(2);
    expect((await run([write("c.zip", "not a zip")])).code).toBe(1);
  });
});
