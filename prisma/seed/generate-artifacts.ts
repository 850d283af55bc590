import type { Artifact, Project } from "@/lib/generated/prisma/client";
import { addDays } from "./add-days";
import { artifactVariants, demoArtifacts, demoProjects } from "./artifact-catalog";
import { type DemoPeople, DEMO_ORG_ID } from "./demo-organization";
import type { Random } from "./random";

/** The six projects and their models; `scale` adds variants of the catalog's models. */
export function generateArtifacts({ random, now, scale, people }: { random: Random; now: Date; scale: number; people: DemoPeople }): {
  projects: Project[];
  artifacts: Artifact[];
} {
  const projects: Project[] = demoProjects.map((project, index) => ({
    id: `prj_${project.slug}`,
    orgId: DEMO_ORG_ID,
    slug: project.slug,
    name: project.name,
    description: project.description,
    teamId: `grp_${project.team}`,
    createdAt: addDays(now, -725 + index),
  }));
  const usersById = new Map(people.users.map((user) => [user.id, user]));
  const artifacts: Artifact[] = [];
  const total = Math.max(1, Math.round(demoArtifacts.length * scale));
  for (let i = 0; i < total; i++) {
    const spec = demoArtifacts[i % demoArtifacts.length] as (typeof demoArtifacts)[number];
    const project = demoProjects.find((candidate) => candidate.slug === spec.project) as (typeof demoProjects)[number];
    const name = `${spec.name}${variantSuffix(Math.floor(i / demoArtifacts.length))}`;
    // The catalogue's own models are older than their variants, so hand-written grants on them
    // (generate-persona-grants) never predate them.
    const retired = i % 15 === 7;
    const createdAt = random.dateBetween(addDays(now, -700), addDays(now, i < demoArtifacts.length || retired ? -400 : -120));
    // Two in every thirty were retired, so the catalogue has history as well as a present.
    const retiredAt = retired ? random.dateBetween(addDays(createdAt, 200), addDays(now, -7)) : null;
    const members = (people.teamMembers.get(project.team) ?? []).filter((id) => {
      const user = usersById.get(id);
      return user && user.createdAt <= createdAt && user.disabledAt === null;
    });
    const employees = members.filter((id) => usersById.get(id)?.kind === "employee");
    // A few models are owned by contractors: ownership that walks out of the door is a finding.
    const contractors = members.filter((id) => usersById.get(id)?.kind === "contractor");
    const ownerId =
      contractors.length > 0 && random.chance(0.06)
        ? random.pick(contractors)
        : employees.length > 0
          ? random.pick(employees)
          : (people.teamLeads.get(project.team) as string);
    artifacts.push({
      id: `art_${name}`,
      orgId: DEMO_ORG_ID,
      projectId: `prj_${project.slug}`,
      name,
      description: spec.description,
      task: spec.task,
      ownerId,
      teamId: `grp_${project.team}`,
      createdAt,
      retiredAt,
    });
  }
  return { projects, artifacts };
}

function variantSuffix(round: number): string {
  if (round === 0) return "";
  const variant = artifactVariants[(round - 1) % artifactVariants.length] as string;
  const lap = Math.floor((round - 1) / artifactVariants.length);
  return `-${variant}${lap > 0 ? `-${lap + 1}` : ""}`;
}
