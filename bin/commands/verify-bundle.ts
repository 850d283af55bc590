import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { evidenceKeyFromPem } from "../../lib/evidence/verify/dsse";
import { formatVerdict } from "../../lib/evidence/verify/format-verdict";
import { verifyBundle } from "../../lib/evidence/verify/verify-bundle";

// A bundle larger than this is refused before it is read (its content is capped lower still).
const MAX_BUNDLE_BYTES = 1024 * 1024 * 1024;

/**
 * custody verify-bundle <zip> [--key evidence.pem] [--ledger-key ledger.vkey] [--json]
 * No database, no network, nothing written. Exit 0: every check passed and the manifest is signed
 * by the given key; 1: a check failed; 2: bad usage; 3: every check passed but no --key was given
 * (or it is not the signer), so nothing shows who made the bundle.
 */
export async function runVerifyBundle(args: string[], out: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        key: { type: "string", multiple: true },
        "ledger-key": { type: "string", multiple: true },
        json: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    console.error(`custody verify-bundle: ${(error as Error).message}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    console.error(
      "usage: custody verify-bundle <bundle.zip> [--key <evidence public key .pem>] [--ledger-key <verifier key or file>] [--json]",
    );
    return 2;
  }
  let evidenceKeys: Uint8Array[];
  let ledgerKeys: string[];
  let zip: Uint8Array;
  try {
    evidenceKeys = (parsed.values.key ?? []).map((path) => evidenceKeyFromPem(readFileSync(path, "utf8")));
    ledgerKeys = (parsed.values["ledger-key"] ?? []).map((value) => (value.includes("+") ? value : readFileSync(value, "utf8").trim()));
    const size = statSync(file).size;
    if (size > MAX_BUNDLE_BYTES) throw new Error(`${file} is ${size} bytes, larger than any bundle (${MAX_BUNDLE_BYTES})`);
    zip = new Uint8Array(readFileSync(file));
  } catch (error) {
    console.error(`custody verify-bundle: ${(error as Error).message}`);
    return 2;
  }
  const verdict = verifyBundle(zip, { evidenceKeys, ledgerKeys });
  out(parsed.values.json ? `${JSON.stringify(verdict, null, 2)}\n` : formatVerdict(verdict));
  return !verdict.ok ? 1 : verdict.trusted ? 0 : 3;
}
