import "server-only";
import { z } from "zod";
import type { TStatement } from "./in-toto-statement";
import { describeIssues } from "./read-json-document";
import { VerificationFailure, type TDependencyKind, type TLineageDependency } from "./verification-result";

export const SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";

const ZResourceDescriptor = z.object({
  uri: z.string().max(4096).optional(),
  name: z.string().max(1000).optional(),
  digest: z.record(z.string().max(64), z.string().max(256)).optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
});

const ZSlsaProvenance = z.object({
  buildDefinition: z.object({
    buildType: z.string().min(1).max(1000),
    resolvedDependencies: z.array(ZResourceDescriptor).max(10_000).optional(),
  }),
  runDetails: z.object({ builder: z.object({ id: z.string().min(1).max(1000) }) }),
});

export type TSlsaLineage = { builderId: string; buildType: string; dependencies: TLineageDependency[] };

/** Builder, build type and resolved dependencies of a SLSA v1 provenance predicate: the version's lineage. */
export function readSlsaLineage(statement: TStatement): TSlsaLineage {
  const parsed = ZSlsaProvenance.safeParse(statement.predicate);
  if (!parsed.success)
    throw new VerificationFailure("unsupported", `The SLSA provenance predicate is malformed: ${describeIssues(parsed.error.issues)}.`);
  const { buildDefinition, runDetails } = parsed.data;
  return {
    builderId: runDetails.builder.id,
    buildType: buildDefinition.buildType,
    dependencies: (buildDefinition.resolvedDependencies ?? []).map((dependency) => ({
      ...(dependency.uri ? { uri: dependency.uri } : {}),
      ...(dependency.name ? { name: dependency.name } : {}),
      ...(dependency.digest ? { digest: dependency.digest } : {}),
      kind: dependencyKind(dependency),
    })),
  };
}

/**
 * What a dependency is: an explicit annotation ("kind": "dataset" | "base_model"), else read from
 * where it lives (Hugging Face datasets, model hubs, source repositories).
 */
export function dependencyKind(dependency: z.infer<typeof ZResourceDescriptor>): TDependencyKind {
  const declared = dependency.annotations?.kind ?? dependency.annotations?.role;
  if (declared === "dataset" || declared === "base_model" || declared === "source") return declared;
  const where = `${dependency.uri ?? ""} ${dependency.name ?? ""}`.toLowerCase();
  if (/\/datasets?\/|^hf:\/\/datasets|dataset|\.parquet\b|\.tfrecord\b/.test(where)) return "dataset";
  if (/^hf:\/\/|huggingface\.co\/|models:\/|\bbase[-_ ]?model|\.safetensors\b|\.gguf\b|\.onnx\b/.test(where)) return "base_model";
  if (/^git\+|\.git\b|github\.com\/|gitlab\./.test(where)) return "source";
  return "other";
}
