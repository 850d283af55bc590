import type { GrantAction } from "@/lib/generated/prisma/enums";
import { addDays } from "./add-days";
import type { DemoGrantContext } from "./demo-organization";
import { laterOf } from "./later-of";

const teamActions: readonly { action: GrantAction; environmentId?: string }[] = [
  { action: "read" },
  { action: "write" },
  { action: "register" },
  { action: "deploy", environmentId: "env_dev" },
  { action: "deploy", environmentId: "env_staging" },
];

/** Standing access by rule: teams on their projects, pipelines on what they build and ship, owners on their models. */
export function generatePolicyGrants({
  random,
  now,
  builder,
  people,
  projects,
  artifacts,
  serviceAccounts,
  usersById,
}: DemoGrantContext): void {
  const admin = people.teamLeads.get("platform-team") as string;
  for (const project of projects) {
    const validFrom = addDays(project.createdAt, 1);
    const team = { type: "group" as const, id: project.teamId };
    for (const { action, environmentId } of teamActions) {
      builder.add({
        principal: team,
        scope: { projectId: project.id },
        action,
        environmentId,
        validFrom,
        origin: "policy",
        grantedById: admin,
        justification: `Team policy: the team builds and tests ${project.name} models.`,
      });
    }
    builder.add({
      principal: { type: "group", id: "grp_platform-team" },
      scope: { projectId: project.id },
      action: "read",
      validFrom,
      origin: "policy",
      grantedById: admin,
      justification: "Platform policy: the ML platform team supports every project.",
    });
    builder.add({
      principal: { type: "group", id: "grp_security-team" },
      scope: { projectId: project.id },
      action: "read",
      validFrom,
      origin: "policy",
      grantedById: admin,
      justification: "Security policy: incident response reads every model.",
    });
    // The old model: every engineer read everything, until team-scoped grants replaced it.
    builder.add({
      principal: { type: "group", id: "grp_ml-engineers" },
      scope: { projectId: project.id },
      action: "read",
      validFrom,
      origin: "policy",
      grantedById: admin,
      justification: "Initial rollout: all ML engineers read all models.",
      revoked: { at: addDays(now, -210), byId: admin, reason: "Replaced by team-scoped grants (access model v2)." },
    });
  }

  for (const account of serviceAccounts) {
    const principal = { type: "service_account" as const, id: account.id };
    const validFrom = addDays(account.createdAt, 1);
    const teamProjects = projects.filter((project) => project.teamId === account.teamId);
    const grantedById = admin;
    const add = (projectIds: string[], action: GrantAction, environmentId?: string) => {
      for (const projectId of projectIds)
        builder.add({
          principal,
          scope: { projectId },
          action,
          environmentId,
          validFrom,
          origin: "policy",
          grantedById,
          justification: `${account.name}: ${account.description}`,
        });
    };
    const own = teamProjects.map((project) => project.id);
    const all = projects.map((project) => project.id);
    switch (account.kind) {
      case "training_pipeline":
        for (const action of ["read", "write", "register"] as const) add(own, action);
        break;
      case "deploy_pipeline":
        if (own.length === 0) {
          // The legacy deployer served everyone: production deploy on two projects, never removed.
          add(random.shuffle(all).slice(0, 2), "deploy", "env_prod");
          break;
        }
        add(own, "read");
        for (const environmentId of ["env_dev", "env_staging", "env_prod"]) add(own, "deploy", environmentId);
        break;
      case "monitoring":
        add(all, "read");
        break;
      case "registry":
        add(all, "read");
        add(all, "register");
        break;
      case "partner_integration": {
        const owner = usersById.get(account.ownerId);
        const validUntil = owner?.engagementEndsAt && owner.engagementEndsAt > validFrom ? owner.engagementEndsAt : addDays(now, 60);
        const models = random
          .shuffle(artifacts.filter((artifact) => artifact.teamId === account.teamId && !artifact.retiredAt))
          .slice(0, 4);
        models.forEach((artifact, i) =>
          builder.add({
            principal,
            scope: { artifactId: artifact.id },
            action: i === 0 ? "write" : "read",
            validFrom: laterOf(validFrom, artifact.createdAt),
            validUntil,
            origin: "request",
            grantedById: people.teamLeads.get("language-team"),
            justification: `Vector Labs SOW-14: pulls ${artifact.name} to fine-tune it for Acme.`,
          }),
        );
        break;
      }
    }
  }

  // Owners may retire their models; some kept a production deploy for manual rollbacks.
  for (const artifact of artifacts) {
    const owner = { type: "user" as const, id: artifact.ownerId };
    const lead = people.teamLeads.get(artifact.teamId.replace(/^grp_/, ""));
    const grantedById = lead && lead !== artifact.ownerId ? lead : admin;
    const validFrom = laterOf(artifact.createdAt, usersById.get(artifact.ownerId)?.createdAt ?? artifact.createdAt);
    builder.add({
      principal: owner,
      scope: { artifactId: artifact.id },
      action: "retire",
      validFrom,
      origin: "policy",
      grantedById,
      justification: `Artifact owner of ${artifact.name}.`,
    });
    if (random.chance(0.3)) {
      builder.add({
        principal: owner,
        scope: { artifactId: artifact.id },
        action: "deploy",
        environmentId: "env_prod",
        validFrom,
        origin: "policy",
        grantedById,
        justification: `Owner on call for ${artifact.name}: manual rollbacks.`,
      });
    }
  }
}
