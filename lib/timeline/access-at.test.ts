import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { databaseForTestFile } from "@/test/fresh-database";
import { createInvestigation } from "@/lib/investigations/create-investigation";
import { accessAt } from "./access-at";
import { createTimelineFixture, type TTimelineFixture } from "../../test/kits/timeline-fixture";

const database = databaseForTestFile();
let fixture: TTimelineFixture;
beforeAll(async () => {
  fixture = await createTimelineFixture(db(), { ledgerDb: database.ledgerDb });
});

const grantIds = (holders: { grantId: string }[]) => holders.map((holder) => holder.grantId);

describe("accessAt", () => {
  it("counts grants valid at T: started, not expired, not revoked before T; through the project and groups", async () => {
    const answer = await accessAt({ principal: fixture.principals.riley, artifactId: fixture.ids.artifact, at: fixture.T, windowHours: 1 });
    expect(grantIds(answer.could.read)).toContain("gr_tl_live_read");
    expect(grantIds(answer.could.read)).not.toContain("gr_tl_future");
    expect(grantIds(answer.could.write)).not.toContain("gr_tl_revoked_write");
    expect(grantIds(answer.could.retire)).toContain("gr_tl_revoked_later");
    expect(grantIds(answer.could.register)).not.toContain("gr_tl_expired");
    const group = answer.could.deploy.find((holder) => holder.grantId === "gr_tl_group_deploy");
    expect(group).toMatchObject({ scope: "project", environment: "prod", principal: { type: "group" } });
    expect(group?.members.map((member) => member.id)).toEqual(["usr_casey"]);
  });

  it("moves with T: the expired grant counted an hour and more before it lapsed, the revoked one before its revocation", async () => {
    const earlier = await accessAt({
      principal: fixture.principals.riley,
      artifactId: fixture.ids.artifact,
      at: new Date(fixture.T.getTime() - 2 * 3_600_000),
      windowHours: 1,
    });
    expect(grantIds(earlier.could.register)).toContain("gr_tl_expired");
    const beforeRevocation = await accessAt({
      principal: fixture.principals.riley,
      artifactId: fixture.ids.artifact,
      at: new Date(fixture.now.getTime() - 4 * 86_400_000),
      windowHours: 1,
    });
    expect(grantIds(beforeRevocation.could.write)).toContain("gr_tl_revoked_write");
    expect(grantIds(beforeRevocation.could.deploy)).toContain("gr_tl_group_deploy");
    const beforeGroupGrant = await accessAt({
      principal: fixture.principals.riley,
      artifactId: fixture.ids.artifact,
      at: new Date(fixture.now.getTime() - 12 * 86_400_000),
      windowHours: 1,
    });
    expect(grantIds(beforeGroupGrant.could.deploy)).not.toContain("gr_tl_group_deploy");
  });

  it("puts who actually did what beside it, marking actions without a grant at their moment", async () => {
    const answer = await accessAt({ principal: fixture.principals.riley, artifactId: fixture.ids.artifact, at: fixture.T, windowHours: 1 });
    expect(answer.did.map((action) => [action.actor.id, action.action])).toEqual([
      ["usr_quinn", "model_version.download"],
      ["usr_taylor", "model_artifact.upload"],
    ]);
    expect(answer.did[0]).toMatchObject({ needs: "read", grantId: "gr_tl_live_read" });
    expect(answer.did[1]).toMatchObject({ needs: "write", grantId: null });
    expect(answer.withoutGrant).toBe(1);
    const night = await accessAt({
      principal: fixture.principals.riley,
      artifactId: fixture.ids.artifact,
      at: new Date(fixture.now.getTime() - 3 * 86_400_000 + 2 * 3_600_000),
      windowHours: 3,
    });
    const deploy = night.did.find((action) => action.action === "model_version.deploy");
    expect(deploy).toMatchObject({ needs: "deploy", grantId: null, actor: { id: "sa_vector-labs-sync", onBehalfOf: "usr_taylor" } });
  });

  it("needs the full access view, hides invisible artifacts, and records the read", async () => {
    await expect(accessAt({ principal: fixture.principals.owner, artifactId: fixture.ids.artifact, at: fixture.T })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(accessAt({ principal: fixture.principals.riley, artifactId: "art_nope", at: fixture.T })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // A read made from a case names one of the reader's own open cases (lib/timeline/record-ledger-read.ts).
    const { id: investigationId } = await createInvestigation({
      principal: fixture.principals.riley,
      input: { title: "Who could deploy that night", severity: "high", assigneeId: "usr_riley", artifactIds: [fixture.ids.artifact] },
    });
    const before = await db().ledgerEntry.count({ where: { orgId: "org_demo", action: "ledger.read" } });
    await accessAt({ principal: fixture.principals.riley, artifactId: fixture.ids.artifact, at: fixture.T, context: { investigationId } });
    const last = await db().ledgerEntry.findFirstOrThrow({ where: { orgId: "org_demo", action: "ledger.read" }, orderBy: { seq: "desc" } });
    expect(await db().ledgerEntry.count({ where: { orgId: "org_demo", action: "ledger.read" } })).toBe(before + 1);
    expect(JSON.parse(Buffer.from(last.canonical).toString("utf8")).details).toMatchObject({
      view: "artifact.access_at",
      investigationId,
      query: { artifactId: fixture.ids.artifact, at: fixture.T.toISOString() },
    });
  });
});
