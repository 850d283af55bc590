import { createHash } from "node:crypto";
import type { TManifestFile } from "@/lib/provenance/verification-result";

const weightFiles = { safetensors: "model.safetensors", onnx: "model.onnx", pytorch: "pytorch_model.bin", gguf: "model.gguf" } as const;

/**
 * The files of a demo model version, as model signing would hash them (deterministic from the
 * seed): the version's digest is their manifest's root, so real signatures over them verify.
 */
export function demoModelFiles(seed: number, artifactName: string, version: number, format: string): TManifestFile[] {
  const weights = weightFiles[format as keyof typeof weightFiles] ?? "model.bin";
  return ["config.json", weights, "tokenizer.json"].map((name) => ({
    name,
    digest: createHash("sha256").update(`acme-robotics:${seed}:${artifactName}:${version}:${name}`).digest("hex"),
  }));
}

/** SHA-256 over the file digests in name order (model-transparency's root), without lib/provenance's server-only import. */
export function demoManifestRoot(files: readonly TManifestFile[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    hash.update(Buffer.from(file.digest, "hex"));
  return hash.digest("hex");
}
