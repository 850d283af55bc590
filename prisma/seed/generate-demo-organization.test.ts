import { describe, expect, it } from "vitest";
import { type DemoOrganization, generateDemoOrganization } from "./generate-demo-organization";
import { demoPersonas } from "./personas";

const now = new Date("2026-11-28T09:30:00.000Z");
const DAY = 86_400_000;
const inDays = (days: number) => new Date(now.getTime() + days * DAY);
const serialize = (org: DemoOrganization) => JSON.stringify(org, (_, value) => (typeof value === "bigint" ? `${value}n` : value));
const scaleOne = generateDemoOrganization({ now });
const scaleThree = generateDemoOrganization({ now, scale: 3 });

function findings(org: DemoOrganization) {
  const users = new Map(org.users.map((user) => [user.id, user]));
  const live = org.grants.filter((grant) => !grant.revokedAt && (!grant.validUntil || grant.validUntil > now));
  const external = (grant: { userId: string | null }) => grant.userId !== null && users.get(grant.userId)?.kind !== "employee";
  const expiringWithin = (days: number) => live.filter((grant) => grant.validUntil && grant.validUntil <= inDays(days));
  return {
    stale: live.filter((grant) => grant.userId && grant.validFrom < inDays(-365)),
    excessive: live.filter(
      (grant) =>
        grant.userId && ["deploy", "retire"].includes(grant.action) && !users.get(grant.userId)?.idpGroups.includes("ml-engineers"),
    ),
    expired: org.grants.filter((grant) => !grant.revokedAt && grant.validUntil && grant.validUntil <= now),
    revoked: org.grants.filter((grant) => grant.revokedAt),
    externalHeld: org.grants.filter(external),
    expiringSoon: expiringWithin(14),
    externalExpiringSoon: expiringWithin(14).filter(external),
    expiringWithin,
  };
}

describe("generateDemoOrganization", () => {
  it("gives the same organisation, byte for byte, for the same seed, and another for another seed", () => {
    expect(serialize(generateDemoOrganization({ now }))).toBe(serialize(scaleOne));
    const other = generateDemoOrganization({ now, seed: 7 });
    expect(serialize(other)).not.toBe(serialize(scaleOne));
    expect(other.users.map((user) => user.name)).not.toEqual(scaleOne.users.map((user) => user.name));
    expect(other.versions[0]?.digest).not.toBe(scaleOne.versions[0]?.digest);
  });

  it.each([
    { scale: 1, org: scaleOne },
    { scale: 3, org: scaleThree },
  ])("has the expected size at scale $scale", ({ scale, org }) => {
    const kind = (name: string) => org.users.filter((user) => user.kind === name).length;
    expect(org.users.length).toBeGreaterThanOrEqual(55 * scale);
    expect(org.users.length).toBeLessThanOrEqual(65 * scale);
    expect(kind("contractor")).toBeGreaterThanOrEqual(5 * scale);
    expect(kind("contractor")).toBeLessThanOrEqual(8 * scale);
    expect(kind("partner")).toBeGreaterThanOrEqual(3 * scale - 2);
    expect(kind("partner")).toBeLessThanOrEqual(3 * scale);
    expect(org.serviceAccounts.length).toBeGreaterThanOrEqual(9 * scale);
    expect(org.serviceAccounts.length).toBeLessThanOrEqual(12 * scale);
    expect(org.artifacts.length).toBe(30 * scale);
    expect(org.versions.length).toBeGreaterThanOrEqual(4 * org.artifacts.length);
    expect(org.versions.length).toBeLessThanOrEqual(6 * org.artifacts.length);
    expect(org.grants.length).toBeGreaterThanOrEqual(350 * scale);
    expect(org.grants.length).toBeLessThanOrEqual(450 * scale);
    expect(org.projects).toHaveLength(6);
    expect(org.environments.map(({ name, rank }) => [name, rank])).toEqual([
      ["dev", 0],
      ["staging", 1],
      ["prod", 2],
    ]);
    expect(org.serviceAccounts.filter((account) => account.external).length).toBeGreaterThanOrEqual(1);
  });

  it("contains every persona, with the IdP groups the local OIDC provider gives them", () => {
    for (const persona of demoPersonas) {
      const user = scaleOne.users.find((candidate) => candidate.subject === persona.subject);
      expect(user, persona.subject).toMatchObject({
        name: persona.name,
        email: persona.email,
        kind: persona.kind,
        title: persona.title,
        idpGroups: [...persona.groups],
      });
      const memberOf = scaleOne.memberships
        .filter((membership) => membership.userId === user?.id)
        .map((membership) => membership.groupId.replace(/^grp_/, ""));
      expect(
        memberOf.every((slug) => persona.groups.includes(slug)),
        persona.subject,
      ).toBe(true);
    }
    const bySubject = (subject: string) => scaleOne.users.find((user) => user.subject === subject);
    const taylorEnds = bySubject("taylor")?.engagementEndsAt ?? now;
    expect(taylorEnds >= inDays(44) && taylorEnds <= inDays(47)).toBe(true);
    expect(bySubject("drew")?.roles).toEqual([]);
    expect(bySubject("morgan")?.roles).toEqual(["admin"]);
    expect(scaleOne.users.find((user) => user.managerId === bySubject("sam")?.id && user.subject === "jordan")).toBeDefined();
  });

  it("gives jordan, taylor and quinn several grants, one expiring within 30 days, and drew none", () => {
    const soon = findings(scaleOne).expiringWithin(30);
    for (const subject of ["jordan", "taylor", "quinn"]) {
      expect(scaleOne.grants.filter((grant) => grant.userId === `usr_${subject}`).length, subject).toBeGreaterThanOrEqual(3);
      expect(
        soon.some((grant) => grant.userId === `usr_${subject}`),
        subject,
      ).toBe(true);
    }
    expect(scaleOne.grants.filter((grant) => grant.userId === "usr_drew")).toEqual([]);
  });

  it.each([
    { scale: 1, org: scaleOne },
    { scale: 3, org: scaleThree },
  ])("writes only grants the database's constraints accept (scale $scale)", ({ org }) => {
    for (const grant of org.grants) {
      const principals = [grant.userId, grant.groupId, grant.serviceAccountId].filter((id) => id !== null);
      expect(principals, grant.id).toHaveLength(1);
      const expected = { user: grant.userId, group: grant.groupId, service_account: grant.serviceAccountId }[grant.principalType];
      expect(expected, grant.id).not.toBeNull();
      expect((grant.projectId === null) !== (grant.artifactId === null), grant.id).toBe(true);
      if (grant.validUntil) expect(grant.validUntil > grant.validFrom, grant.id).toBe(true);
      expect(grant.revokedAt === null, grant.id).toBe(grant.revokeReason === null);
      expect(grant.revokedAt === null, grant.id).toBe(grant.revokedById === null);
      expect(grant.action === "deploy", grant.id).toBe(grant.environmentId !== null);
      expect(grant.validFrom <= now && grant.validFrom >= inDays(-731), grant.id).toBe(true);
      if (grant.revokedAt) expect(grant.revokedAt >= grant.validFrom && grant.revokedAt <= now, grant.id).toBe(true);
      if (grant.userId) expect(grant.grantedById, grant.id).not.toBe(grant.userId);
      expect(grant.justification.trim(), grant.id).not.toBe("");
    }
  });

  it.each([
    { scale: 1, org: scaleOne },
    { scale: 3, org: scaleThree },
  ])("holds the access problems a review should find (scale $scale)", ({ scale, org }) => {
    const found = findings(org);
    expect(found.stale.length).toBeGreaterThanOrEqual(20 * scale);
    expect(found.excessive.length).toBeGreaterThanOrEqual(5 * scale);
    expect(found.expired.length).toBeGreaterThanOrEqual(15 * scale);
    expect(found.revoked.length).toBeGreaterThanOrEqual(15 * scale);
    expect(found.externalHeld.length).toBeGreaterThanOrEqual(15 * scale);
    expect(found.expiringSoon.length).toBeGreaterThanOrEqual(5 * scale);
    expect(found.externalExpiringSoon.length).toBeGreaterThanOrEqual(2 * scale);
    const origins = (origin: string) => org.grants.filter((grant) => grant.origin === origin).length;
    expect(origins("break_glass")).toBeGreaterThanOrEqual(scale);
    expect(origins("review_exception")).toBeGreaterThanOrEqual(scale);
    expect(origins("request")).toBeGreaterThanOrEqual(100 * scale);
    expect(origins("policy")).toBeGreaterThanOrEqual(100 * scale);
  });

  it.each([
    { scale: 1, org: scaleOne },
    { scale: 3, org: scaleThree },
  ])("references only rows it generated, and keeps the database's unique keys (scale $scale)", ({ org }) => {
    const ids = (rows: { id: string }[]) => {
      const set = new Set(rows.map((row) => row.id));
      expect(set.size).toBe(rows.length);
      return set;
    };
    const [users, groups, projects, accounts, artifacts, versions, environments] = [
      org.users,
      org.groups,
      org.projects,
      org.serviceAccounts,
      org.artifacts,
      org.versions,
      org.environments,
    ].map(ids) as Set<string>[];
    const refersTo = (set: Set<string> | undefined, id: string | null, where: string) => {
      if (id !== null) expect(set?.has(id), `${where} → ${id}`).toBe(true);
    };
    const unique = (keys: string[]) => expect(new Set(keys).size).toBe(keys.length);
    unique(org.users.map((user) => user.subject));
    unique(org.users.map((user) => user.email));
    unique(org.groups.map((group) => group.slug));
    unique(org.serviceAccounts.map((account) => account.slug));
    unique(org.artifacts.map((artifact) => artifact.name));
    unique(org.versions.map((version) => `${version.artifactId}/${version.version}`));
    unique(org.memberships.map((membership) => `${membership.groupId}/${membership.userId}`));

    // Managers come before their reports, so a chunked createMany never refers forward.
    const seen = new Set<string>();
    for (const user of org.users) {
      if (user.managerId) expect(seen.has(user.managerId), user.id).toBe(true);
      seen.add(user.id);
    }
    expect(org.users.filter((user) => user.managerId === null)).toHaveLength(1);
    for (const m of org.memberships) {
      refersTo(groups, m.groupId, "membership");
      refersTo(users, m.userId, "membership");
    }
    for (const a of org.serviceAccounts) {
      refersTo(users, a.ownerId, a.id);
      refersTo(groups, a.teamId, a.id);
    }
    for (const p of org.projects) refersTo(groups, p.teamId, p.id);
    for (const a of org.artifacts) {
      refersTo(projects, a.projectId, a.id);
      refersTo(users, a.ownerId, a.id);
      refersTo(groups, a.teamId, a.id);
      expect(org.projects.find((project) => project.id === a.projectId)?.teamId).toBe(a.teamId);
    }
    for (const v of org.versions) {
      refersTo(artifacts, v.artifactId, v.id);
      refersTo(users, v.createdByUserId, v.id);
      refersTo(accounts, v.createdByServiceId, v.id);
      expect((v.createdByUserId === null) !== (v.createdByServiceId === null), v.id).toBe(true);
      expect(v.digest).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const d of org.deployments) {
      refersTo(versions, d.versionId, d.id);
      refersTo(environments, d.environmentId, d.id);
      expect(org.versions.find((version) => version.id === d.versionId)?.artifactId, d.id).toBe(d.artifactId);
      if (d.endedAt) expect(d.endedAt > d.startedAt, d.id).toBe(true);
    }
    for (const g of org.grants) {
      refersTo(users, g.userId, g.id);
      refersTo(groups, g.groupId, g.id);
      refersTo(accounts, g.serviceAccountId, g.id);
      refersTo(projects, g.projectId, g.id);
      refersTo(artifacts, g.artifactId, g.id);
      refersTo(environments, g.environmentId, g.id);
      refersTo(users, g.grantedById, g.id);
      refersTo(users, g.revokedById, g.id);
    }
  });

  it("runs the production version in prod, one deployment per model and environment at a time", () => {
    const current = scaleOne.deployments.filter((deployment) => deployment.endedAt === null);
    expect(new Set(current.map((d) => `${d.artifactId}/${d.environmentId}`)).size).toBe(current.length);
    const liveArtifacts = scaleOne.artifacts.filter((artifact) => !artifact.retiredAt);
    for (const artifact of liveArtifacts) {
      const production = scaleOne.versions.find((version) => version.artifactId === artifact.id && version.stage === "production");
      const inProd = current.find((d) => d.artifactId === artifact.id && d.environmentId === "env_prod");
      expect(inProd?.versionId, artifact.name).toBe(production?.id);
      if (production) expect(production.aliases).toContain("champion");
    }
    expect(current.filter((d) => d.environmentId === "env_prod").length).toBeGreaterThanOrEqual(liveArtifacts.length * 0.8);
    expect(scaleOne.artifacts.some((artifact) => artifact.retiredAt)).toBe(true);
    expect(scaleOne.deployments.every((d) => d.startedAt >= inDays(-731) && d.startedAt <= now)).toBe(true);
    expect(scaleOne.versions.filter((version) => version.signed).length / scaleOne.versions.length).toBeGreaterThan(0.75);
  });
});
