import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { ZText } from "@/lib/input/text";
import type { TStatement } from "./in-toto-statement";
import { describeIssues } from "./read-json-document";
import { VerificationFailure, type TManifestFile } from "./verification-result";

export const MODEL_SIGNING_PREDICATE = "https://model_signing/signature/v1.0";

const ZHex256 = z.string().regex(/^[0-9a-f]{64}$/, "not a lowercase sha256 hex digest");

const ZModelSigningPredicate = z.object({
  resources: z.array(z.object({ algorithm: z.literal("sha256"), name: ZText.min(1).max(4096), digest: ZHex256 })).max(100_000),
  serialization: z
    .object({
      method: z.string().max(50),
      hash_type: z.literal("sha256").optional(),
      ignore_paths: z.array(z.string().max(4096)).optional(),
    })
    .passthrough(),
});

/** Code-point order, as Python sorts the names when it computes the root (UTF-16 order differs above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/** model-transparency's root: SHA-256 over the raw per-file digests, concatenated in name order. */
export function manifestRootDigest(files: readonly TManifestFile[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => compareCodePoints(a.name, b.name))) hash.update(Buffer.from(file.digest, "hex"));
  return hash.digest("hex");
}

export type TModelManifest = { files: TManifestFile[]; rootDigest: string; ignorePaths?: string[] };

/**
 * The manifest a model-signing statement carries, checked: every file digest well-formed, no name
 * twice, and the subject's digest equal to the root recomputed from the files (else one could sign
 * a root and list other files under it).
 */
export function readModelManifest(statement: TStatement): TModelManifest {
  if (statement.predicateType !== MODEL_SIGNING_PREDICATE)
    throw new VerificationFailure(
      "unsupported",
      `The statement's predicateType is "${statement.predicateType}", not ${MODEL_SIGNING_PREDICATE}.`,
    );
  const parsed = ZModelSigningPredicate.safeParse(statement.predicate);
  if (!parsed.success)
    throw new VerificationFailure("manifest_invalid", `The manifest is malformed: ${describeIssues(parsed.error.issues)}.`);
  const files = parsed.data.resources.map(({ name, digest }) => ({ name, digest }));
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.name)) throw new VerificationFailure("manifest_invalid", `The manifest lists "${file.name}" twice.`);
    names.add(file.name);
  }
  if (statement.subject.length !== 1)
    throw new VerificationFailure("manifest_invalid", "A model signature has exactly one subject: the model.");
  const claimed = statement.subject[0]!.digest.sha256?.toLowerCase();
  const rootDigest = manifestRootDigest(files);
  if (claimed !== rootDigest)
    throw new VerificationFailure(
      "manifest_invalid",
      `The subject digest ${claimed ?? "(none)"} is not the root of the ${files.length} file digests listed (${rootDigest}).`,
    );
  return { files, rootDigest, ignorePaths: parsed.data.serialization.ignore_paths };
}
