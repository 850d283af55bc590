import { decodeUtf8 } from "./bytes";
import { bundleFiles } from "./bundle-format";
import type { CheckList } from "./check-list";
import { keyLabel, openCheckpoint, parseVerifierKeyText, sameKey, type TOpenedCheckpoint, type TVerifierKey } from "./open-checkpoint";

/** The ledger key to check notes with: a pinned one, else the bundle's (vouched for by the manifest's digest of it). */
export function ledgerKeyFor(files: Map<string, Uint8Array>, pinned: string[], list: CheckList, check: string): TVerifierKey | null {
  let bundled: TVerifierKey | null = null;
  try {
    const text = files.get(bundleFiles.ledgerKey);
    bundled = text ? parseVerifierKeyText(decodeUtf8(text)) : null;
  } catch (error) {
    list.fail(check, `${bundleFiles.ledgerKey}: ${(error as Error).message}`);
    return null;
  }
  if (pinned.length === 0) {
    if (!bundled) list.fail(check, `${bundleFiles.ledgerKey} is missing, and no ledger key was given`);
    return bundled;
  }
  let keys: TVerifierKey[];
  try {
    keys = pinned.map(parseVerifierKeyText);
  } catch (error) {
    list.fail(check, `the given ledger key: ${(error as Error).message}`);
    return null;
  }
  if (bundled && !keys.some((key) => sameKey(key, bundled))) {
    list.fail(check, `the bundle's ledger key ${keyLabel(bundled)} is not the trusted one (${keys.map(keyLabel).join(", ")})`);
    return null;
  }
  return bundled ?? keys[0]!;
}

export function checkCheckpoint(files: Map<string, Uint8Array>, pinned: string[], list: CheckList): TOpenedCheckpoint | null {
  const check = "checkpoint.signature";
  const key = ledgerKeyFor(files, pinned, list, check);
  const note = files.get(bundleFiles.checkpoint);
  if (!note) {
    list.fail(check, `${bundleFiles.checkpoint} is missing`);
    return null;
  }
  if (!key) return null;
  try {
    const checkpoint = openCheckpoint(decodeUtf8(note), key);
    list.pass(check, `checkpoint ${checkpoint.origin} size ${checkpoint.size} signed by ${keyLabel(key)}`);
    return checkpoint;
  } catch (error) {
    list.fail(check, `${bundleFiles.checkpoint}: ${(error as Error).message}`);
    return null;
  }
}
