import type { Group, GroupMembership, User } from "@/lib/generated/prisma/client";
import type { UserKind } from "@/lib/generated/prisma/enums";
import { addDays } from "./add-days";
import { type DemoPeople, DEMO_ORG_ID } from "./demo-organization";
import { businessTitles, demoIdpGroups, demoTeams, partnerCompanies } from "./demo-teams";
import { defaultRoleMap, demoPersonas } from "./personas";
import { pickPersonName } from "./pick-person-name";
import type { Random } from "./random";

// Engagement ends, in days from now, handed out in turn: each list starts with one ending within
// two weeks and one already past, so every scale shows both findings.
const CONTRACTOR_ENDS = [9, -21, 120, 60, 12, -75, 200, 35];
const PARTNER_ENDS = [11, -10, 150, 40];

type Person = {
  subject: string;
  name: string;
  email: string;
  kind: UserKind;
  title: string;
  groups: readonly string[];
  managerId: string | null;
  engagementEndsInDays?: number;
  id?: string;
  founding?: boolean;
  joinedDaysAgo?: number;
};

/** Everyone at Acme Robotics, ordered so that each manager comes before their reports. */
export function generatePeople({ random, now, scale }: { random: Random; now: Date; scale: number }): DemoPeople {
  const orgCreatedAt = addDays(now, -730);
  const emails = new Set(demoPersonas.map((persona) => persona.email));
  const users: User[] = [];
  const personaIds = new Map<string, string>();
  const teamLeads = new Map<string, string>();
  let counter = 0;

  const add = (person: Person): string => {
    const id = person.id ?? `usr_${String(++counter).padStart(4, "0")}`;
    const engagementEndsAt = person.engagementEndsInDays === undefined ? null : addDays(now, person.engagementEndsInDays + random.next());
    const createdAt = person.founding
      ? orgCreatedAt
      : person.joinedDaysAgo !== undefined
        ? addDays(now, -person.joinedDaysAgo - random.next() * 20)
        : random.dateBetween(addDays(orgCreatedAt, 30), addDays(now, engagementEndsAt ? -200 : -40));
    const disabledAt = engagementEndsAt && engagementEndsAt < addDays(now, -60) ? addDays(engagementEndsAt, 1) : null;
    const lastSignInAt = disabledAt
      ? random.dateBetween(addDays(disabledAt, -30), disabledAt)
      : random.chance(0.12)
        ? random.dateBetween(addDays(now, -200), addDays(now, -35))
        : random.dateBetween(addDays(now, -14), now);
    users.push({
      id,
      orgId: DEMO_ORG_ID,
      subject: person.subject,
      email: person.email,
      name: person.name,
      kind: person.kind,
      title: person.title,
      managerId: person.managerId,
      engagementEndsAt,
      idpGroups: [...person.groups],
      // The role map lists groups in the platform's canonical role order; keep that order.
      roles: [
        ...new Set(
          Object.entries(defaultRoleMap)
            .filter(([group]) => person.groups.includes(group))
            .flatMap(([, roles]) => roles),
        ),
      ],
      lastSignInAt,
      disabledAt,
      createdAt,
      updatedAt: lastSignInAt > createdAt ? lastSignInAt : createdAt,
    });
    return id;
  };
  const generated = (kind: UserKind, title: string, groups: readonly string[], managerId: string | null, extra: Partial<Person> = {}) =>
    add({ ...pickPersonName(random, emails), kind, title, groups, managerId, ...extra });
  const persona = (subject: string, managerId: string | null, founding = false) => {
    const found = demoPersonas.find((candidate) => candidate.subject === subject);
    if (!found) throw new Error(`unknown persona ${subject}`);
    // Fixed join dates, so the personas' own grants (written by hand) never predate them.
    const joinedDaysAgo = found.engagementEndsInDays === undefined ? 680 : 200;
    const id = add({ ...found, managerId, id: `usr_${subject}`, founding, joinedDaysAgo });
    personaIds.set(subject, id);
    return id;
  };

  const founding = { founding: true };
  const cto = generated("employee", "Chief technology officer", ["custody-managers"], null, founding);
  const headOfRisk = generated("employee", "Head of risk and compliance", ["custody-compliance", "custody-managers"], cto, founding);
  for (const team of demoTeams) {
    teamLeads.set(
      team.slug,
      team.leadPersona
        ? persona(team.leadPersona, cto, true)
        : generated("employee", team.leadTitle, [team.slug, ...team.leadGroups], cto, founding),
    );
  }
  const lead = (slug: string) => teamLeads.get(slug) as string;
  persona("morgan", lead("platform-team"));
  persona("riley", lead("security-team"));
  persona("jordan", lead("vision-team"));
  persona("taylor", lead("vision-team"));
  persona("casey", headOfRisk);
  persona("avery", headOfRisk);
  persona("quinn", lead("language-team"));
  persona("drew", cto);

  const total = Math.round(60 * scale);
  const partners = Math.max(1, Math.round(2 * scale));
  const contractors = Math.max(1, Math.round(6 * scale) - 1);
  const headcounts = splitHeadcount(total - users.length - partners, [...demoTeams.map((team) => team.weight), 3]);
  const modelTeams = demoTeams.filter((team) => team.buildsModels);
  let contractorTurn = 0;
  demoTeams.forEach((team, teamIndex) => {
    const size = headcounts[teamIndex] ?? 0;
    // Contractors go last, so the reporting tree below never makes one a manager.
    const teamContractors = team.buildsModels
      ? Math.floor(contractors / modelTeams.length) + (modelTeams.indexOf(team) < contractors % modelTeams.length ? 1 : 0)
      : 0;
    const members: string[] = [];
    for (let k = 0; k < size; k++) {
      const managerId = k < 8 ? lead(team.slug) : (members[Math.floor(k / 8) - 1] as string);
      const isContractor = k >= size - teamContractors;
      const groups = [
        team.slug,
        ...(team.buildsModels ? ["ml-engineers"] : []),
        ...(isContractor ? ["contractors"] : []),
        ...(team.memberExtraGroups && random.chance(0.5) ? team.memberExtraGroups : []),
      ];
      // "Data scientist" → "Contract data scientist", but "ML engineer" keeps its capitals.
      const title = isContractor
        ? `Contract ${random
            .pick(team.titles)
            .replace(/^Senior /, "")
            .replace(/^[A-Z][a-z]/, (start) => start.toLowerCase())}`
        : random.pick(team.titles);
      const engagementEndsInDays = isContractor ? CONTRACTOR_ENDS[contractorTurn++ % CONTRACTOR_ENDS.length] : undefined;
      members.push(generated(isContractor ? "contractor" : "employee", title, groups, managerId, { engagementEndsInDays }));
    }
  });
  for (let k = 0; k < (headcounts[demoTeams.length] ?? 0); k++) {
    const title = businessTitles[k % businessTitles.length] as string;
    generated(
      "employee",
      title,
      title === "Compliance analyst" ? ["custody-compliance"] : ["all-staff"],
      title === "Compliance analyst" ? headOfRisk : cto,
    );
  }
  for (let k = 0; k < partners; k++) {
    const company = partnerCompanies[k % partnerCompanies.length] as string;
    generated("partner", `Partner engineer (${company})`, ["ml-engineers", "partners"], lead(random.pick(modelTeams).slug), {
      engagementEndsInDays: PARTNER_ENDS[k % PARTNER_ENDS.length],
    });
  }
  return { users, personaIds, teamLeads, ...groupsOf(users, orgCreatedAt) };
}

/** Splits `count` by weight, handing the rounding leftovers to the first buckets. */
function splitHeadcount(count: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((weight) => Math.floor((Math.max(0, count) * weight) / sum));
  let leftover = Math.max(0, count) - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; leftover > 0; i = (i + 1) % shares.length, leftover--) shares[i] = (shares[i] ?? 0) + 1;
  return shares;
}

function groupsOf(users: User[], createdAt: Date): Pick<DemoPeople, "groups" | "memberships" | "teamMembers"> {
  const groups: Group[] = [
    ...demoTeams.map((team) => ({ slug: team.slug, name: team.name, kind: "team" as const, description: team.description })),
    ...demoIdpGroups,
  ].map((group) => ({ id: `grp_${group.slug}`, orgId: DEMO_ORG_ID, ...group, createdAt }));
  const memberships: GroupMembership[] = [];
  const teamMembers = new Map<string, string[]>(demoTeams.map((team) => [team.slug, []]));
  for (const group of groups) {
    for (const user of users) {
      if (!user.idpGroups.includes(group.slug)) continue;
      memberships.push({ groupId: group.id, userId: user.id, createdAt: user.createdAt });
      teamMembers.get(group.slug)?.push(user.id);
    }
  }
  return { groups, memberships, teamMembers };
}
