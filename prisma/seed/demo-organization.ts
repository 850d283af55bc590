import type {
  Artifact,
  ArtifactVersion,
  Deployment,
  Environment,
  Grant,
  Group,
  GroupMembership,
  Organization,
  Project,
  ServiceAccount,
  User,
} from "@/lib/generated/prisma/client";
import type { GrantBuilder } from "./create-grant-builder";
import type { Random } from "./random";

// The generated organisation: full rows (every column set, ids included) so that each list can go
// straight into `createMany` and two runs with the same seed compare equal.
export type DemoOrganization = {
  organization: Organization;
  users: User[];
  groups: Group[];
  memberships: GroupMembership[];
  environments: Environment[];
  projects: Project[];
  serviceAccounts: ServiceAccount[];
  artifacts: Artifact[];
  versions: ArtifactVersion[];
  deployments: Deployment[];
  grants: Grant[];
};

export const DEMO_ORG_ID = "org_demo";

/** Where each generated person sits, for the generators that hand out ownership and access. */
export type DemoPeople = {
  users: User[];
  groups: Group[];
  memberships: GroupMembership[];
  /** Team group slug → user ids of its members (employees and contractors). */
  teamMembers: Map<string, string[]>;
  /** Team group slug → the team's manager. */
  teamLeads: Map<string, string>;
  /** Persona subject → user id. */
  personaIds: Map<string, string>;
};

/** What the grant generators share: the organisation so far, and where grants go. */
export type DemoGrantContext = {
  random: Random;
  now: Date;
  scale: number;
  builder: GrantBuilder;
  people: DemoPeople;
  projects: Project[];
  artifacts: Artifact[];
  serviceAccounts: ServiceAccount[];
  usersById: Map<string, User>;
};
