import { execFileSync } from "node:child_process";

/** Runs `custody verify-bundle <file> --key <keyPath>` as an auditor would: its exit code and what it printed. */
export function verifyBundleCli(file: string, keyPath: string): { code: number; output: string } {
  try {
    return {
      code: 0,
      output: execFileSync(process.execPath, ["bin/custody.js", "verify-bundle", file, "--key", keyPath], { encoding: "utf8" }),
    };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, output: failed.stdout };
  }
}
