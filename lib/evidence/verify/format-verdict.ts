import type { TBundleVerdict } from "./verify-bundle";

const label = { pass: "PASS", fail: "FAIL", warn: "WARN" } as const;

/** The verdict as lines a person reads: one per check, then the conclusion. */
export function formatVerdict(verdict: TBundleVerdict): string {
  const width = Math.max(...verdict.checks.map((check) => check.name.length));
  const lines = verdict.checks.map((check) => `${label[check.status]}  ${check.name.padEnd(width)}  ${check.detail}`);
  const failures = verdict.checks.filter((check) => check.status === "fail").length;
  if (failures > 0) lines.push("", `FAILED: ${failures} check${failures === 1 ? "" : "s"} failed. Do not rely on this bundle.`);
  else if (!verdict.trusted)
    lines.push("", "VALID, BUT SIGNED BY AN UNKNOWN KEY: every check passed, yet nothing shows who made it. Verify again with --key.");
  else lines.push("", `VERIFIED: ${verdict.entryCount} ledger entries, every check passed, signed by the trusted evidence key.`);
  return `${lines.join("\n")}\n`;
}
