import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { connectDb } from "../../lib/db";
import { isAppError } from "../../lib/errors/app-error";
import { attachProvenance } from "../../lib/provenance/attach-provenance";
import { detectProvenanceKind } from "../../lib/provenance/detect-provenance-kind";
import { describeSigner } from "../../lib/provenance/verification-result";
import { resolveLaunchConfig } from "../launcher/launch-config";
import { openDatabase } from "../launcher/open-database";

const log = (line: string) => console.error(`custody: ${line}`);
export const attestUsage =
  "custody attest <artifact id or name> <version> <model.sig | attestation.json> [--kind signature|attestation] [--key public-key.pem] [--json]";

/**
 * `custody attest`: attaches a model signature (OpenSSF model signing's model.sig) or a SLSA /
 * in-toto attestation to a version, verifies it against the project's signer policy and records
 * the verdict in the ledger, as the API does. Exit 0 when verified, 1 when it failed, 2 on misuse.
 */
export async function runAttest(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { kind: { type: "string" }, key: { type: "string" }, json: { type: "boolean", default: false } },
  });
  const [artifact, versionText, file] = positionals;
  if (!artifact || !versionText || !file || positionals.length > 3) {
    console.error(`usage: ${attestUsage}`);
    return 2;
  }
  const version = Number(versionText.replace(/^v/, ""));
  if (!Number.isInteger(version) || version < 1) {
    console.error(`custody attest: "${versionText}" is not a version number`);
    return 2;
  }
  if (values.kind !== undefined && values.kind !== "signature" && values.kind !== "attestation") {
    console.error(`custody attest: --kind is signature or attestation, not "${values.kind}"`);
    return 2;
  }
  const document = await readFile(file, "utf8");
  const publicKey = values.key ? await readFile(values.key, "utf8") : undefined;
  const kind = values.kind ?? detectProvenanceKind(document);
  const config = resolveLaunchConfig();
  const database = await openDatabase(config, values.json ? () => {} : log);
  const client = connectDb(database.appUrl);
  try {
    const result = await attachProvenance({
      actor: { kind: "system", orgId: config.CUSTODY_ORG_ID, id: "custody-cli", display: "custody attest (CLI)" },
      artifactId: artifact,
      version,
      kind,
      input: { document, ...(publicKey ? { publicKey } : {}) },
      client,
    });
    if (values.json) console.log(JSON.stringify(result));
    else {
      const signer = describeSigner(result.signer) ?? "unknown signer";
      const what = kind === "signature" ? "Model signature" : "Attestation";
      const target = `${artifact} v${result.version} (sha256:${result.digest})`;
      if (result.verdict === "verified") {
        console.log(`${what} VERIFIED for ${target}: signed by ${signer}${result.files ? `, ${result.files.length} files` : ""}.`);
        if (result.builderId)
          console.log(
            `  builder ${result.builderId}\n  build type ${result.buildType}\n  ${result.dependencies?.length ?? 0} resolved dependencies`,
          );
      } else console.log(`${what} FAILED for ${target}: ${result.reason} [${result.reasonCode}]`);
      console.log(`  recorded in the ledger at seq ${result.ledgerSeq}`);
    }
    return result.verdict === "verified" ? 0 : 1;
  } catch (error) {
    if (isAppError(error)) {
      console.error(
        `custody attest: ${error.message}${error.fieldErrors.length ? ` (${error.fieldErrors.map((field) => `${field.field}: ${field.message}`).join("; ")})` : ""}`,
      );
      return error.code === "NOT_FOUND" || error.code === "INVALID_INPUT" || error.code === "PAYLOAD_TOO_LARGE" ? 2 : 1;
    }
    throw error;
  } finally {
    await client.$disconnect();
    await database.close();
  }
}
