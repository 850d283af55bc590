import type { Artifact, ArtifactVersion, Deployment, ServiceAccount } from "@/lib/generated/prisma/client";
import { addDays } from "./add-days";
import { demoArtifacts, demoProjects } from "./artifact-catalog";
import { type DemoPeople, DEMO_ORG_ID } from "./demo-organization";
import { demoManifestRoot, demoModelFiles } from "./demo-model-manifests";
import type { Random } from "./random";

const extensions = { safetensors: "safetensors", onnx: "onnx", pytorch: "pt", gguf: "gguf" } as const;

/** Each artifact's versions, their registry stages and aliases, and what ran where, when. */
export function generateVersionHistory({
  random,
  now,
  seed,
  people,
  artifacts,
  serviceAccounts,
}: {
  random: Random;
  now: Date;
  seed: number;
  people: DemoPeople;
  artifacts: Artifact[];
  serviceAccounts: ServiceAccount[];
}): { versions: ArtifactVersion[]; deployments: Deployment[] } {
  const versions: ArtifactVersion[] = [];
  const deployments: Deployment[] = [];
  const usersById = new Map(people.users.map((user) => [user.id, user]));
  const deploy = (artifact: Artifact, version: ArtifactVersion, environmentId: string, startedAt: Date) => {
    deployments.push({
      id: `dep_${String(deployments.length + 1).padStart(5, "0")}`,
      orgId: DEMO_ORG_ID,
      artifactId: artifact.id,
      versionId: version.id,
      environmentId,
      startedAt,
      endedAt: artifact.retiredAt,
    });
  };

  artifacts.forEach((artifact, index) => {
    const spec = demoArtifacts[index % demoArtifacts.length] as (typeof demoArtifacts)[number];
    const project = demoProjects.find((candidate) => candidate.slug === spec.project) as (typeof demoProjects)[number];
    const end = artifact.retiredAt ?? now;
    const count = random.int(3, 7);
    const times = Array.from({ length: count - 1 }, () => random.dateBetween(addDays(artifact.createdAt, 5), addDays(end, -20))).sort(
      (a, b) => a.getTime() - b.getTime(),
    );
    times.unshift(addDays(artifact.createdAt, random.next() * 3));
    // Which versions went through staging and production; most models have one in production.
    const staged = times.map((_, i) => i === count - 1 || random.chance(0.8));
    const promoted = staged.map((isStaged) => isStaged && random.chance(0.65));
    if (!promoted.includes(true) && random.chance(0.9)) {
      const chosen = count - (random.chance(0.5) ? 1 : 2);
      promoted[chosen] = staged[chosen] = true;
    }
    const production = promoted.lastIndexOf(true);
    const trainers = serviceAccounts.filter((account) => account.kind === "training_pipeline" && account.teamId === artifact.teamId);
    const team = people.teamMembers.get(artifact.teamId.replace(/^grp_/, "")) ?? [];

    const artifactVersions = times.map((createdAt, i): ArtifactVersion => {
      const trainer = trainers.length > 0 && random.chance(0.75) ? random.pick(trainers) : undefined;
      const humans = team.filter((id) => {
        const user = usersById.get(id);
        return user && user.createdAt <= createdAt && (user.disabledAt === null || user.disabledAt > createdAt);
      });
      const byService = trainer && trainer.createdAt <= createdAt ? trainer.id : null;
      const stage = artifact.retiredAt
        ? "archived"
        : i === production
          ? "production"
          : i === count - 1
            ? "staging"
            : staged[i]
              ? "archived"
              : "none";
      const version = i + 1;
      return {
        id: `ver_${String(versions.length + i + 1).padStart(5, "0")}`,
        orgId: DEMO_ORG_ID,
        artifactId: artifact.id,
        version,
        // The manifest root of the version's files, so the demo's model signatures are real ones.
        digest: demoManifestRoot(demoModelFiles(seed, artifact.name, version, spec.format)),
        sizeBytes: BigInt(Math.round(spec.sizeMb * 1_000_000 * (0.93 + 0.14 * random.next()))),
        format: spec.format,
        registryUri:
          project.registry === "mlflow"
            ? `models:/${artifact.name}/${version}`
            : `s3://acme-models/${project.slug}/${artifact.name}/v${version}/model.${extensions[spec.format]}`,
        stage,
        aliases: stage === "production" ? ["champion"] : stage === "staging" ? ["challenger"] : [],
        createdByUserId: byService ? null : random.pick(humans.length > 0 ? humans : team),
        createdByServiceId: byService,
        signed: random.chance(0.9),
        createdAt,
      };
    });
    versions.push(...artifactVersions);

    // A chain per environment: each deployment runs until the next one starts.
    const chain = (environmentId: string, include: boolean[], from: number, to: number) => {
      const first = deployments.length;
      artifactVersions.forEach((version, i) => {
        if (!include[i]) return;
        const gap = (times[i + 1] ?? end).getTime() - version.createdAt.getTime();
        deploy(
          artifact,
          version,
          environmentId,
          new Date(version.createdAt.getTime() + Math.floor(gap * (from + (to - from) * random.next()))),
        );
      });
      for (let d = first; d < deployments.length - 1; d++)
        (deployments[d] as Deployment).endedAt = (deployments[d + 1] as Deployment).startedAt;
    };
    chain("env_staging", staged, 0.02, 0.12);
    chain("env_prod", promoted, 0.25, 0.6);
    if (!artifact.retiredAt && random.chance(0.4))
      chain(
        "env_dev",
        times.map((_, i) => i === count - 1),
        0.005,
        0.015,
      );
  });
  return { versions, deployments };
}
