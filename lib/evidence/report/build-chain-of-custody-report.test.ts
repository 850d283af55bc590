import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import type { TSignedCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { freshDatabase, type TFreshDatabase } from "@/test/fresh-database";
import { recountFigures } from "@/test/kits/evidence-report-kit";
import { createTimelineFixture, type TTimelineFixture } from "@/test/kits/timeline-fixture";
import type { TEvidenceReport } from "../evidence-report";
import { renderReportPdf } from "../pdf/render-report-pdf";
import { buildChainOfCustodyReport } from "./build-chain-of-custody-report";
import { expectRefused } from "@/test/kits/expect-refused";

const orgId = "org_demo";
const DAY = 86_400_000;
let database: TFreshDatabase;
let fixture: TTimelineFixture;
let checkpoint: TSignedCheckpoint;
let report: TEvidenceReport;
let lateSeq: string;
const asOf = () => ({ size: checkpoint.size, rootHash: checkpoint.rootHash, createdAt: checkpoint.createdAt });
const table = (from: TEvidenceReport, name: string) => from.tables.find((entry) => entry.name === name)!;

beforeAll(async () => {
  database = await freshDatabase();
  process.env.DATABASE_URL = database.url;
  fixture = await createTimelineFixture(db(), { ledgerDb: database.ledgerDb });
  checkpoint = fixture.checkpoint!;
  const late = await ingestEvents({
    client: db(),
    orgId,
    submitter: { type: "system", id: "late" },
    events: [
      {
        schemaVersion: 1,
        eventId: crypto.randomUUID(),
        occurredAt: new Date().toISOString(),
        source: { system: "mlflow" },
        interface: "api",
        action: "model_version.download",
        actor: { id: "usr_late", type: "user" },
        target: { artifactId: fixture.ids.artifact },
        outcome: { status: "success" },
      },
    ],
  });
  lateSeq = late.events[0]!.seq;
  report = await buildChainOfCustodyReport(db(), {
    principal: fixture.principals.riley,
    scope: { artifactId: fixture.ids.artifact },
    asOf: asOf(),
  });
});
afterAll(async () => {
  await db().$disconnect();
  await database.close();
});

describe("chain of custody", () => {
  it("cites every event of the artifact and its digests below the checkpoint, and the figures recount from them", async () => {
    expect(report.citedSeqs).not.toContain(lateSeq);
    expect(report.citedSeqs.every((seq) => BigInt(seq) < checkpoint.size)).toBe(true);
    expect(report.citedSeqs.length).toBe(fixture.storyCount + fixture.bulkCount);
    expect(table(report, "events").rows.map((row) => row.seq)).toEqual(
      [...report.citedSeqs].sort((a, b) => {
        const [left, right] = [
          table(report, "events").rows.find((row) => row.seq === a)!,
          table(report, "events").rows.find((row) => row.seq === b)!,
        ];
        return String(left.occurredAt).localeCompare(String(right.occurredAt)) || Number(BigInt(a) - BigInt(b));
      }),
    );
    expect(await recountFigures(report, orgId)).toEqual(Object.fromEntries(report.figures.map((figure) => [figure.key, figure.value])));
    const value = (key: string) => report.figures.find((figure) => figure.key === key)!.value;
    expect(value("events")).toBe(report.citedSeqs.length);
    expect(value("deployments")).toBe(table(report, "deployments").rows.filter((row) => String(row.change).startsWith("deployed")).length);
    expect(value("deployments")).toBeGreaterThanOrEqual(3);
    expect(value("registrations")).toBe(table(report, "registrations").rows.length);
  });

  it("builds with the client it is given alone, as the launcher's evidence job (which has no DATABASE_URL) does", async () => {
    const process = globalThis as { custodyDb?: unknown };
    const own = process.custodyDb;
    process.custodyDb = new Proxy({}, { get: () => assert.fail("the builder used the process's own client") });
    try {
      const built = await buildChainOfCustodyReport(database.db, {
        principal: fixture.principals.riley,
        scope: { artifactId: fixture.ids.artifact },
        asOf: asOf(),
      });
      expect(built.citedSeqs).toEqual(report.citedSeqs);
    } finally {
      process.custodyDb = own;
    }
  });

  it("lists the versions with their digests, deployments per environment, and who held which grant when", () => {
    expect(table(report, "versions").rows.map((row) => row.digest)).toEqual([fixture.digests.v1, fixture.digests.v2]);
    const deployments = table(report, "deployments").rows;
    expect(deployments.map((row) => row.environment)).toEqual([...deployments.map((row) => row.environment)].sort());
    // The unregistered digest the partner uploaded and deployed is on the artifact's chain.
    expect(deployments.some((row) => String(row.subject).includes(fixture.digests.rogue))).toBe(true);
    const grants = table(report, "grants").rows;
    expect(grants.find((row) => String(row.revoked).length > 10)).toBeTruthy();
    expect(grants.every((row) => typeof row.validFrom === "string")).toBe(true);
    expect(report.scope.ids).toMatchObject({ artifactId: fixture.ids.artifact, digests: expect.arrayContaining([fixture.digests.rogue]) });
  });

  it("follows one digest alone, and a window", async () => {
    const byDigest = await buildChainOfCustodyReport(db(), {
      principal: fixture.principals.riley,
      scope: { digest: fixture.digests.rogue },
      asOf: asOf(),
    });
    const rows = await db().ledgerEntry.findMany({
      where: { orgId, digest: fixture.digests.rogue, seq: { lt: checkpoint.size } },
      select: { seq: true },
    });
    expect(byDigest.citedSeqs).toEqual(rows.map((row) => row.seq.toString()).sort((a, b) => Number(BigInt(a) - BigInt(b))));
    expect(table(byDigest, "versions").rows).toEqual([]);
    const from = new Date(fixture.now.getTime() - 3 * DAY).toISOString();
    const to = new Date(fixture.now.getTime() - DAY).toISOString();
    const windowed = await buildChainOfCustodyReport(db(), {
      principal: fixture.principals.riley,
      scope: { artifactId: fixture.ids.artifact, from, to },
      asOf: asOf(),
    });
    expect(windowed.period).toEqual({ from, to });
    expect(windowed.citedSeqs.length).toBeLessThan(report.citedSeqs.length);
    expect(table(windowed, "events").rows.every((row) => String(row.occurredAt) >= from && String(row.occurredAt) < to)).toBe(true);
  });

  it("needs evidence.generate and ledger.read, and an artifact one may see; bad scopes are refused", async () => {
    await expectRefused("FORBIDDEN", () =>
      buildChainOfCustodyReport(db(), { principal: fixture.principals.jordan, scope: { artifactId: fixture.ids.artifact }, asOf: asOf() }),
    );
    await expectRefused("FORBIDDEN", () =>
      buildChainOfCustodyReport(db(), { principal: fixture.principals.sam, scope: { artifactId: fixture.ids.artifact }, asOf: asOf() }),
    );
    await expectRefused("NOT_FOUND", () =>
      buildChainOfCustodyReport(db(), { principal: fixture.principals.riley, scope: { artifactId: "art_nope" }, asOf: asOf() }),
    );
    for (const scope of [
      { digest: "ABC" },
      { digest: fixture.digests.v1.toUpperCase() },
      { artifactId: fixture.ids.artifact, digest: fixture.digests.v1 },
      { artifactId: fixture.ids.artifact, from: "2026-13-01T00:00:00Z" },
    ])
      await expectRefused("INVALID_INPUT", () =>
        buildChainOfCustodyReport(db(), { principal: fixture.principals.riley, scope: scope as never, asOf: asOf() }),
      );
    await expectRefused("INVALID_INPUT", () =>
      buildChainOfCustodyReport(db(), {
        principal: fixture.principals.riley,
        scope: { artifactId: fixture.ids.artifact, from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" },
        asOf: asOf(),
      }),
    );
  });

  it("renders every event across pages, the table header repeated on each", async () => {
    const pdf = await renderReportPdf(report);
    const directory = mkdtempSync(path.join(tmpdir(), "custody-custody-pdf-"));
    try {
      const file = path.join(directory, "report.pdf");
      writeFileSync(file, pdf);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())![1]);
      const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
      const continued = text.split("Every event (continued)").length - 1;
      expect(continued).toBeGreaterThanOrEqual(2);
      expect(text.split(/Seq\s+Occurred\s+Lane\s+Action/).length - 1).toBe(continued + 1);
      expect(text).toContain(`Page ${pages} of ${pages}`);
      for (const seq of [report.citedSeqs[0]!, report.citedSeqs.at(-1)!]) expect(text).toMatch(new RegExp(`\\n${seq}\\s`));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
