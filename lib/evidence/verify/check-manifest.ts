// The manifest is a DSSE envelope over an in-toto Statement whose subjects are the bundle's files.
// Trust: only a key the auditor obtained from the organisation (pinned) makes a bundle trusted; the
// copy inside the bundle can only show that the signature is internally consistent.
import { parseStrictJson } from "@/lib/json/parse-strict-json";
import { decodeUtf8, fromBase64, sha256Bytes, toHex } from "./bytes";
import { bundleFiles, bundlePredicateType, statementType, type TBundleStatement } from "./bundle-format";
import type { CheckList } from "./check-list";
import { evidenceKeyFromPem, evidenceKeyId, inTotoPayloadType, parseDsseEnvelope, preAuthEncoding } from "./dsse";
import { verifyEd25519 } from "./open-checkpoint";
import { readBundleJson } from "./read-bundle-json";

const short = (key: Uint8Array) => evidenceKeyId(key).slice(0, 16);

export function checkManifest(files: Map<string, Uint8Array>, pinned: Uint8Array[], list: CheckList): TBundleStatement | null {
  const name = "manifest.signature";
  const raw = readBundleJson<unknown>(files, bundleFiles.manifest, list);
  if (raw === null) return null;
  let envelope;
  try {
    envelope = parseDsseEnvelope(raw);
  } catch (error) {
    list.fail(name, (error as Error).message);
    return null;
  }
  const payload = fromBase64(envelope.payload);
  if (!payload || envelope.payloadType !== inTotoPayloadType) {
    list.fail(name, `the envelope's payload is not base64, or its type is not ${inTotoPayloadType}`);
    return null;
  }
  const message = preAuthEncoding(envelope.payloadType, payload);
  const verifies = (key: Uint8Array) =>
    envelope.signatures.some((signature) => {
      const sig = fromBase64(signature.sig);
      return signature.keyid === evidenceKeyId(key) && !!sig && sig.length === 64 && verifyEd25519(sig, message, key);
    });
  let embedded: Uint8Array | null = null;
  try {
    const pem = files.get(bundleFiles.evidenceKey);
    embedded = pem ? evidenceKeyFromPem(decodeUtf8(pem)) : null;
  } catch {
    embedded = null;
  }
  const trusted = pinned.find(verifies);
  if (trusted) list.pass(name, `signed by the trusted evidence key ${short(trusted)}`);
  else if (embedded && verifies(embedded)) {
    if (pinned.length > 0) list.fail(name, `signed by another key (${short(embedded)}), not the trusted evidence key ${short(pinned[0]!)}`);
    else
      list.warn(
        name,
        `signed by an unknown key (${short(embedded)}): the signature matches the key inside the bundle, which anyone could have put there; give the organisation's evidence key (--key, from GET /api/v1/evidence/public-key) to trust it`,
      );
  } else {
    const by = envelope.signatures.map((signature) => signature.keyid.slice(0, 16)).join(", ");
    list.fail(name, `the manifest signature does not verify (key ${by}): the manifest was altered, or signed by a key not in the bundle`);
  }

  let statement: TBundleStatement;
  try {
    statement = parseStrictJson(decodeUtf8(payload)) as TBundleStatement;
  } catch {
    list.fail("manifest.statement", "the signed payload is not JSON");
    return null;
  }
  const subjects = Array.isArray(statement?.subject) ? statement.subject : null;
  if (statement?._type !== statementType || statement.predicateType !== bundlePredicateType || !subjects) {
    list.fail("manifest.statement", "the signed payload is not an in-toto Statement v1 of a Custody evidence bundle");
    return null;
  }
  const names = new Set<string>();
  for (const subject of subjects) {
    if (typeof subject?.name !== "string" || typeof subject.digest?.sha256 !== "string" || names.has(subject.name)) {
      list.fail("manifest.statement", "a subject is malformed or listed twice");
      return null;
    }
    names.add(subject.name);
  }
  list.pass("manifest.statement", `in-toto Statement v1 over ${subjects.length} files`);
  return statement;
}

/** Every subject's SHA-256 against the file, and no file in the zip that the manifest does not list. */
export function checkFileDigests(files: Map<string, Uint8Array>, statement: TBundleStatement, list: CheckList): void {
  const listed = new Set<string>();
  for (const subject of statement.subject) {
    listed.add(subject.name);
    const bytes = files.get(subject.name);
    const check = `digest ${subject.name}`;
    if (!bytes) list.fail(check, `${subject.name} is in the manifest but not in the zip`);
    else if (toHex(sha256Bytes(bytes)) !== subject.digest.sha256.toLowerCase())
      list.fail(check, `${subject.name} does not match its SHA-256 in the manifest (altered)`);
    else list.pass(check, `sha256 ${subject.digest.sha256.slice(0, 16)}…`);
  }
  const unlisted = [...files.keys()].filter((file) => file !== bundleFiles.manifest && !listed.has(file));
  if (unlisted.length > 0) list.fail("manifest.complete", `files in the zip that the manifest does not list: ${unlisted.join(", ")}`);
  else list.pass("manifest.complete", "every file in the zip is in the manifest");
}
