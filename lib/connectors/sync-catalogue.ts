import "server-only";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { normalizeDigest } from "@/lib/ingest/normalize-digest";
import { mlflowDigestTags } from "./map-mlflow-delivery";
import type { TCatalogueChange } from "./registry-change";

// The catalogue follows the registry: a registry event creates the artifact (in the project the
// mapping rule names) and its versions, and moves aliases and stages, in the transaction that
// appends the event. Every step is idempotent, so a replay changes nothing.

export type TCatalogueTarget = { orgId: string; projectId: string; artifactName: string; ownerId: string };

/** The artifact named `artifactName`, created in the rule's project when it does not exist yet. */
export async function ensureArtifact(tx: DbTransaction, target: TCatalogueTarget): Promise<{ id: string; name: string }> {
  const found = await tx.artifact.findUnique({
    where: { orgId_name: { orgId: target.orgId, name: target.artifactName } },
    select: { id: true, name: true },
  });
  if (found) return found;
  const project = await tx.project.findFirst({ where: { id: target.projectId, orgId: target.orgId }, select: { id: true, teamId: true } });
  if (!project)
    throw new AppError("CONFLICT", "The mapping rule names a project that no longer exists; fix the connector's mapping rules.");
  return tx.artifact.create({
    data: { orgId: target.orgId, projectId: project.id, name: target.artifactName, ownerId: target.ownerId, teamId: project.teamId },
    select: { id: true, name: true },
  });
}

async function ensureVersion(
  tx: DbTransaction,
  orgId: string,
  artifactId: string,
  version: number,
  fields: { registryUri: string; format: string },
) {
  return tx.artifactVersion.upsert({
    where: { artifactId_version: { artifactId, version } },
    create: { orgId, artifactId, version, digest: "", sizeBytes: 0n, format: fields.format, registryUri: fields.registryUri },
    update: {},
    select: { id: true, version: true, aliases: true },
  });
}

async function moveAliases(tx: DbTransaction, artifactId: string, versionId: string, aliases: string[]) {
  const holders = await tx.artifactVersion.findMany({
    where: { artifactId, aliases: { hasSome: aliases } },
    select: { id: true, aliases: true },
  });
  for (const holder of holders) {
    if (holder.id === versionId) continue;
    await tx.artifactVersion.update({
      where: { id: holder.id },
      data: { aliases: holder.aliases.filter((alias) => !aliases.includes(alias)) },
    });
  }
  const own = await tx.artifactVersion.findUniqueOrThrow({ where: { id: versionId }, select: { aliases: true } });
  const next = [...new Set([...own.aliases, ...aliases])];
  if (next.length !== own.aliases.length) await tx.artifactVersion.update({ where: { id: versionId }, data: { aliases: next } });
}

/** Applies one change; returns the version number it concerns, when there is one. */
export async function applyCatalogueChange(
  tx: DbTransaction,
  { orgId, artifactId, change }: { orgId: string; artifactId: string; change: TCatalogueChange },
): Promise<number | null> {
  switch (change.kind) {
    case "artifact":
      return null;
    case "version": {
      let number: number;
      if (change.version === "next") {
        const same = await tx.artifactVersion.findFirst({
          where: { artifactId, OR: [{ registryUri: change.registryUri }, ...(change.digest ? [{ digest: change.digest }] : [])] },
          select: { version: true },
        });
        if (same) number = same.version;
        else {
          const latest = await tx.artifactVersion.aggregate({ where: { artifactId }, _max: { version: true } });
          number = (latest._max.version ?? 0) + 1;
        }
      } else number = change.version;
      const version = await ensureVersion(tx, orgId, artifactId, number, change);
      await tx.artifactVersion.update({
        where: { id: version.id },
        data: {
          registryUri: change.registryUri,
          ...(change.digest ? { digest: change.digest } : {}),
          ...(change.sizeBytes !== undefined ? { sizeBytes: change.sizeBytes } : {}),
        },
      });
      if (change.takesAliases?.length) await moveAliases(tx, artifactId, version.id, change.takesAliases);
      return number;
    }
    case "alias": {
      const version = await ensureVersion(tx, orgId, artifactId, change.version, { registryUri: "", format: "mlflow" });
      if (change.present) await moveAliases(tx, artifactId, version.id, [change.alias]);
      return change.version;
    }
    case "drop-alias": {
      const holders = await tx.artifactVersion.findMany({
        where: { artifactId, aliases: { has: change.alias } },
        select: { id: true, aliases: true },
      });
      for (const holder of holders)
        await tx.artifactVersion.update({
          where: { id: holder.id },
          data: { aliases: holder.aliases.filter((alias) => alias !== change.alias) },
        });
      return null;
    }
    case "tag": {
      const version = await ensureVersion(tx, orgId, artifactId, change.version, { registryUri: "", format: "mlflow" });
      if (change.key === "stage")
        await tx.artifactVersion.update({ where: { id: version.id }, data: { stage: change.value.slice(0, 50) } });
      const digest = mlflowDigestTags.includes(change.key) ? normalizeDigest(change.value) : null;
      if (digest) await tx.artifactVersion.update({ where: { id: version.id }, data: { digest } });
      return change.version;
    }
    case "move": {
      const version = await tx.artifactVersion.findFirst({
        where: { artifactId, digest: change.digest },
        orderBy: { version: "desc" },
        select: { id: true, version: true },
      });
      if (!version) return null;
      await tx.artifactVersion.update({ where: { id: version.id }, data: { registryUri: change.registryUri } });
      return version.version;
    }
  }
}
