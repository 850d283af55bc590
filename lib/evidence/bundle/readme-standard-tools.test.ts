import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildTestBundle, evidenceSigner, otherEvidenceSigner, rezip } from "@/test/kits/evidence-bundle-kit";

// The README's "With standard tools alone" script, run as written against real bundles: it must
// pass a good one and stop at a tampered one. Skipped where the tools are missing.
const readme = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
const section = readme.slice(readme.indexOf("**With standard tools alone**"));
const script = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
const tools = ["unzip", "sha256sum", "jq", "openssl", "python3", "comm"].every(
  (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0,
);
const dir = mkdtempSync(path.join(tmpdir(), "custody-readme-tools-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(zip: Uint8Array, name: string) {
  const work = path.join(dir, name);
  execFileSync("mkdir", ["-p", work]);
  writeFileSync(path.join(work, "bundle.zip"), zip);
  writeFileSync(path.join(work, "evidence-public-key.pem"), evidenceSigner.publicKeyPem);
  return spawnSync("bash", ["-e", "-o", "pipefail", "-c", script], { cwd: work, encoding: "utf8" });
}

describe.runIf(tools)("README: checking a bundle with standard tools alone", () => {
  it("passes a bundle as made", async () => {
    const result = run((await buildTestBundle()).zip, "good");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.match(/Signature Verified Successfully/g)).toHaveLength(2);
    expect(result.stdout).toContain("8 entries included in the tree of size 30");
  });

  it("stops at an altered PDF, and at a manifest signed by another key", async () => {
    const { files } = await buildTestBundle();
    expect(
      run(
        rezip(files, (copy) => copy.get("report.pdf")!.set([0x58], 12)),
        "pdf",
      ).status,
    ).not.toBe(0);
    const { zip } = await buildTestBundle({ signer: otherEvidenceSigner });
    const other = run(zip, "other-key");
    expect(other.status).not.toBe(0);
    expect(other.stdout + other.stderr).toMatch(/Signature Verification Failure/);
  });
});
