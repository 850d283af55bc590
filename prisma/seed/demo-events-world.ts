import type { Artifact, ArtifactVersion, Deployment, Grant, Project, ServiceAccount, User } from "@/lib/generated/prisma/client";
import { demoArtifacts, demoProjects } from "./artifact-catalog";
import type { DemoOrganization } from "./demo-organization";
import { demoEventSources } from "./demo-events-kit";

// The demo organisation, indexed for the event generator: who is on which team and active when,
// who may read what when (from the generated grants), which pipelines serve a team, and which
// version ran in each environment at any instant (from the Deployment rows).

const extensions = { safetensors: "safetensors", onnx: "onnx", pytorch: "pt", gguf: "gguf" } as const;

export type TeamPipelines = {
  trainSource: (typeof demoEventSources)[keyof typeof demoEventSources];
  deploySource: (typeof demoEventSources)[keyof typeof demoEventSources];
  trainBuilder: string;
  deployBuilder: string;
};

const pipelinesByTeam: Record<string, TeamPipelines> = {
  "grp_vision-team": {
    trainSource: demoEventSources.githubActions,
    deploySource: demoEventSources.githubActions,
    trainBuilder: "https://github.com/acme-robotics/vision-models/.github/workflows/train.yml@refs/heads/main",
    deployBuilder: "https://github.com/acme-robotics/vision-models/.github/workflows/deploy.yml@refs/heads/main",
  },
  "grp_language-team": {
    trainSource: demoEventSources.argoWorkflows,
    deploySource: demoEventSources.argoCd,
    trainBuilder: "https://argo.acme-robotics.example/workflow-templates/language-train",
    deployBuilder: "https://argocd.acme-robotics.example/applications/language-serving",
  },
  "grp_forecasting-team": {
    trainSource: demoEventSources.argoWorkflows,
    deploySource: demoEventSources.argoCd,
    trainBuilder: "https://argo.acme-robotics.example/workflow-templates/forecasting-nightly",
    deployBuilder: "https://argocd.acme-robotics.example/applications/forecasting-batch",
  },
};

export type ArtifactFacts = {
  artifact: Artifact;
  project: Project;
  /** The project keeps its versions in MLflow (else in S3, registered by path). */
  mlflow: boolean;
  /** Catalogue entry, for the file extension and typical size. */
  extension: string;
  versions: ArtifactVersion[];
  deployments: Deployment[];
  /** Grants on this artifact itself (project-wide ones are only consulted through mayRead and deployersAt). */
  grants: Grant[];
  team: User[];
  pipelines: TeamPipelines;
  trainers: ServiceAccount[];
  deployers: ServiceAccount[];
  /** Forecasting models are scored in nightly batches, the others served in real time. */
  batch: boolean;
};

export type DemoEventsWorld = ReturnType<typeof buildDemoEventsWorld>;

export function buildDemoEventsWorld(organization: DemoOrganization) {
  const usersById = new Map(organization.users.map((user) => [user.id, user]));
  const serviceAccountsById = new Map(organization.serviceAccounts.map((account) => [account.id, account]));
  const projectsById = new Map(organization.projects.map((project) => [project.id, project]));
  const environmentNames = new Map(organization.environments.map((environment) => [environment.id, environment.name]));
  const versionsById = new Map(organization.versions.map((version) => [version.id, version]));
  const groupMembers = new Map<string, Set<string>>();
  for (const membership of organization.memberships) {
    const members = groupMembers.get(membership.groupId) ?? new Set<string>();
    members.add(membership.userId);
    groupMembers.set(membership.groupId, members);
  }
  const membersCache = new Map<string, User[]>();
  const membersOf = (groupId: string): User[] => {
    let members = membersCache.get(groupId);
    if (!members) {
      members = organization.users.filter((user) => groupMembers.get(groupId)?.has(user.id));
      membersCache.set(groupId, members);
    }
    return members;
  };
  const byTeam = <T extends { teamId: string | null }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) if (item.teamId) map.set(item.teamId, [...(map.get(item.teamId) ?? []), item]);
    return map;
  };
  const trainersByTeam = byTeam(organization.serviceAccounts.filter((account) => account.kind === "training_pipeline"));
  const deployersByTeam = byTeam(organization.serviceAccounts.filter((account) => account.kind === "deploy_pipeline"));
  // Grants by scope (artifact or project), then by principal, so "may X read Y at T" is a few lookups.
  const grantsByScope = new Map<string, Map<string, Grant[]>>();
  for (const grant of organization.grants) {
    const scope = grant.artifactId ?? grant.projectId;
    const principal = principalKeyOf(grant);
    if (!scope || !principal) continue;
    const byPrincipal = grantsByScope.get(scope) ?? new Map<string, Grant[]>();
    grantsByScope.set(scope, byPrincipal);
    const list = byPrincipal.get(principal) ?? [];
    list.push(grant);
    byPrincipal.set(principal, list);
  }
  const userGroups = new Map<string, string[]>();
  for (const membership of organization.memberships)
    userGroups.set(membership.userId, [...(userGroups.get(membership.userId) ?? []), membership.groupId]);
  const versionsByArtifact = new Map<string, ArtifactVersion[]>();
  for (const version of organization.versions)
    versionsByArtifact.set(version.artifactId, [...(versionsByArtifact.get(version.artifactId) ?? []), version]);
  const deploymentsByArtifact = new Map<string, Deployment[]>();
  for (const deployment of organization.deployments)
    deploymentsByArtifact.set(deployment.artifactId, [...(deploymentsByArtifact.get(deployment.artifactId) ?? []), deployment]);

  const facts = new Map<string, ArtifactFacts>();
  for (const artifact of organization.artifacts) {
    const project = projectsById.get(artifact.projectId) as Project;
    const spec = demoArtifacts.find((candidate) => artifact.name === candidate.name || artifact.name.startsWith(`${candidate.name}-`));
    facts.set(artifact.id, {
      artifact,
      project,
      mlflow: demoProjects.find((candidate) => `prj_${candidate.slug}` === project.id)?.registry !== "s3",
      extension: extensions[spec?.format ?? "safetensors"],
      versions: (versionsByArtifact.get(artifact.id) ?? []).sort((a, b) => a.version - b.version),
      deployments: (deploymentsByArtifact.get(artifact.id) ?? []).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime()),
      grants: [...(grantsByScope.get(artifact.id)?.values() ?? [])].flat(),
      team: membersOf(artifact.teamId),
      pipelines: pipelinesByTeam[artifact.teamId] ?? (pipelinesByTeam["grp_vision-team"] as TeamPipelines),
      trainers: trainersByTeam.get(artifact.teamId) ?? [],
      deployers: deployersByTeam.get(artifact.teamId) ?? [],
      batch: artifact.teamId === "grp_forecasting-team",
    });
  }

  const isActive = (user: User, at: number) =>
    user.createdAt.getTime() <= at && (user.disabledAt === null || user.disabledAt.getTime() > at);
  const accountActive = (account: ServiceAccount, at: number) =>
    account.createdAt.getTime() <= at && (account.disabledAt === null || account.disabledAt.getTime() > at);
  const grantLive = (grant: Grant, at: number) =>
    grant.validFrom.getTime() <= at &&
    (grant.validUntil === null || grant.validUntil.getTime() > at) &&
    (grant.revokedAt === null || grant.revokedAt.getTime() > at);
  const principalKeys = (principal: { userId?: string; serviceAccountId?: string }) =>
    principal.userId
      ? [`user:${principal.userId}`, ...(userGroups.get(principal.userId) ?? []).map((groupId) => `group:${groupId}`)]
      : [`service_account:${principal.serviceAccountId}`];

  return {
    organization,
    usersById,
    serviceAccountsById,
    environmentNames,
    versionsById,
    facts,
    membersOf,
    isActive,
    accountActive,
    grantLive,
    /** Any live grant (any action) on the artifact or its project: enough to read it. */
    mayRead(principal: { userId?: string; serviceAccountId?: string }, artifactId: string, at: number): boolean {
      const artifact = facts.get(artifactId)?.artifact;
      if (!artifact) return false;
      const keys = principalKeys(principal);
      return [grantsByScope.get(artifact.id), grantsByScope.get(artifact.projectId)].some((byPrincipal) =>
        keys.some((key) => byPrincipal?.get(key)?.some((grant) => grantLive(grant, at)) ?? false),
      );
    },
    /** People who hold a live deploy grant for the environment on the artifact (or its project), directly or through a group. */
    deployersAt(artifactId: string, environmentId: string, at: number): User[] {
      const artifact = facts.get(artifactId)?.artifact;
      if (!artifact) return [];
      const people = new Map<string, User>();
      for (const byPrincipal of [grantsByScope.get(artifact.id), grantsByScope.get(artifact.projectId)]) {
        for (const [key, grants] of byPrincipal ?? []) {
          if (
            !grants.some(
              (grant) =>
                grant.action === "deploy" &&
                (grant.environmentId === null || grant.environmentId === environmentId) &&
                grantLive(grant, at),
            )
          )
            continue;
          const [type, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
          const candidates = type === "user" ? [usersById.get(id)] : type === "group" ? membersOf(id) : [];
          for (const user of candidates) if (user && isActive(user, at)) people.set(user.id, user);
        }
      }
      return [...people.values()].sort((a, b) => a.id.localeCompare(b.id));
    },
    /** The deployment running in an environment at an instant, if any. */
    deploymentAt(artifactId: string, environmentId: string, at: number): Deployment | undefined {
      const deployments = facts.get(artifactId)?.deployments ?? [];
      let found: Deployment | undefined;
      for (const deployment of deployments) {
        if (deployment.environmentId !== environmentId || deployment.startedAt.getTime() > at) continue;
        if (deployment.endedAt === null || deployment.endedAt.getTime() > at) found = deployment;
      }
      return found;
    },
    storageUri(facts: ArtifactFacts, version: number): string {
      return `s3://acme-models/${facts.project.slug}/${facts.artifact.name}/v${version}/model.${facts.extension}`;
    },
  };
}

function principalKeyOf(grant: Grant): string | null {
  if (grant.userId) return `user:${grant.userId}`;
  if (grant.groupId) return `group:${grant.groupId}`;
  if (grant.serviceAccountId) return `service_account:${grant.serviceAccountId}`;
  return null;
}
