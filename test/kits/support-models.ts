import type { Prisma } from "@/lib/generated/prisma/client";

// Models the timeline and investigation kits plant in the demo organisation beside its own: in
// the Support assistant project, owned by the language team, each version 1000 bytes of
// safetensors registered as models:/<name>/<version>. Only what tells them apart is written out.

/** An artifact row of the Support assistant project, owned by the language team. */
export function supportModel(row: Pick<Prisma.ArtifactCreateManyInput, "id" | "orgId" | "name" | "ownerId" | "createdAt">) {
  return { projectId: "prj_support-assistant", teamId: "grp_language-team", ...row } satisfies Prisma.ArtifactCreateManyInput;
}

/** A version row of model `name`: 1000 bytes of safetensors at models:/<name>/<version>. */
export function supportModelVersion({
  name,
  ...row
}: { name: string } & Omit<Prisma.ArtifactVersionCreateManyInput, "sizeBytes" | "format" | "registryUri">) {
  return {
    sizeBytes: BigInt(1000),
    format: "safetensors",
    registryUri: `models:/${name}/${row.version}`,
    ...row,
  } satisfies Prisma.ArtifactVersionCreateManyInput;
}
