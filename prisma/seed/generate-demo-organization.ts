import type { Environment } from "@/lib/generated/prisma/client";
import { addDays } from "./add-days";
import { createGrantBuilder } from "./create-grant-builder";
import { type DemoGrantContext, type DemoOrganization, DEMO_ORG_ID } from "./demo-organization";
import { generateArtifacts } from "./generate-artifacts";
import { generatePeople } from "./generate-people";
import { generatePersonaGrants } from "./generate-persona-grants";
import { generatePolicyGrants } from "./generate-policy-grants";
import { generateRequestedGrants } from "./generate-requested-grants";
import { generateRiskyGrants } from "./generate-risky-grants";
import { generateServiceAccounts } from "./generate-service-accounts";
import { generateVersionHistory } from "./generate-version-history";
import { createRandom } from "./random";

export type { DemoOrganization } from "./demo-organization";

/**
 * Acme Robotics, a demo organisation: about 60 people, 11 service accounts, 30 models with their
 * versions and deployments, and about 400 grants at scale 1, with the access problems a review
 * should find. Pure and deterministic: the same seed, scale and `now` give the same rows, ids
 * included. API tokens are not made here: they are only ever created through the real path.
 */
export function generateDemoOrganization({ seed = 42, scale = 1, now }: { seed?: number; scale?: number; now: Date }): DemoOrganization {
  if (!(scale > 0)) throw new Error(`scale must be positive, got ${scale}`);
  const random = createRandom(seed);
  const createdAt = addDays(now, -730);
  const people = generatePeople({ random: random.fork("people"), now, scale });
  const serviceAccounts = generateServiceAccounts({ random: random.fork("service-accounts"), now, scale, people });
  const { projects, artifacts } = generateArtifacts({ random: random.fork("artifacts"), now, scale, people });
  const { versions, deployments } = generateVersionHistory({
    random: random.fork("versions"),
    now,
    seed,
    people,
    artifacts,
    serviceAccounts,
  });
  const environments: Environment[] = ["dev", "staging", "prod"].map((name, rank) => ({
    id: `env_${name}`,
    orgId: DEMO_ORG_ID,
    name,
    rank,
  }));

  const context: DemoGrantContext = {
    random: random.fork("grants"),
    now,
    scale,
    builder: createGrantBuilder({ now }),
    people,
    projects,
    artifacts,
    serviceAccounts,
    usersById: new Map(people.users.map((user) => [user.id, user])),
  };
  generatePolicyGrants(context);
  generatePersonaGrants(context);
  generateRiskyGrants(context);
  generateRequestedGrants(context, Math.round(400 * scale));

  return {
    organization: { id: DEMO_ORG_ID, slug: "acme-robotics", name: "Acme Robotics", createdAt },
    users: people.users,
    groups: people.groups,
    memberships: people.memberships,
    environments,
    projects,
    serviceAccounts,
    artifacts,
    versions,
    deployments,
    grants: context.builder.grants,
  };
}
