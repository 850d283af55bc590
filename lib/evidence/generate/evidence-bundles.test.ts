import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceSignerFromPem, generateEvidenceKeyPem } from "@/lib/evidence/bundle/evidence-key";
import type { TEvidenceReport } from "@/lib/evidence/evidence-report";
import { verifyBundle } from "@/lib/evidence/verify/verify-bundle";
import { testRenderers } from "@/test/kits/evidence-bundle-kit";
import {
  canonicalEvent,
  expectRefused,
  openIntegrityLedger,
  ORG_ID,
  principals,
  type TIntegrityLedger,
} from "@/test/kits/integrity-test-ledger";
import type { TEvidenceEngine } from "./evidence-engine";
import { downloadEvidenceBundle } from "./download-evidence-bundle";
import { getEvidenceBundle } from "./get-evidence-bundle";
import { listEvidenceBundles } from "./list-evidence-bundles";
import { makeEvidenceBundle } from "./make-evidence-bundle";
import { requestEvidenceBundle } from "./request-evidence-bundle";

// Against a real ledger: a request is recorded, the job signs a bundle whose every entry and proof
// verifies offline, the finished row cannot change, downloads are recorded and limited to who may see them.
let ledger: TIntegrityLedger;
const signer = evidenceSignerFromPem(generateEvidenceKeyPem());
const logs: string[] = [];
const casey = { ...principals.avery, userId: "usr_casey", name: "Casey Nguyen", roles: ["compliance_officer" as const] };

/** A test report builder: the deploy events below the checkpoint, counted by a figure. */
const engine: TEvidenceEngine = {
  renderers: testRenderers,
  buildReport: async ({ client, orgId, checkpoint, generatedAt, generatedBy, request }) => {
    const entries = await client.ledgerEntry.findMany({
      where: { orgId, action: "model_version.deploy", seq: { lt: BigInt(checkpoint.size) } },
      orderBy: { seq: "asc" },
      select: { seq: true },
    });
    const report: TEvidenceReport = {
      formatVersion: 1,
      kind: request.kind,
      title: "Incident report: INV-1 Night-time deploys",
      scope: { label: "INV-1", ids: { investigationId: "inv_1" } },
      period: { from: null, to: null },
      effective: {
        checkpointSize: String(checkpoint.size),
        rootHash: checkpoint.rootHash,
        checkpointCreatedAt: checkpoint.createdAt.toISOString(),
      },
      generatedAt: generatedAt.toISOString(),
      generatedBy,
      summary: [],
      sections: [],
      tables: [],
      figures: [{ key: "deploys", label: "Deployments", value: entries.length, countOf: { actions: ["model_version.deploy"] } }],
      citedSeqs: entries.map((entry) => entry.seq.toString()),
    };
    return report;
  },
};

beforeAll(async () => {
  ledger = await openIntegrityLedger({ entries: 40 });
  await ledger.db.user.create({
    data: { id: "usr_riley", orgId: ORG_ID, subject: "riley", email: "riley@example.test", name: "Riley Okafor" },
  });
  await ledger.db.investigation.create({
    data: {
      id: "inv_1",
      orgId: ORG_ID,
      number: 1,
      title: "Night-time deploys",
      severity: "high",
      createdById: "usr_riley",
      scopeArtifactIds: [],
    },
  });
});
afterAll(() => ledger?.close());

describe("evidence bundles against a real ledger", () => {
  let bundleId: string;

  it("records the request in the ledger, makes and signs the bundle, and it verifies offline", async () => {
    ({ id: bundleId } = await requestEvidenceBundle({
      principal: principals.riley,
      request: { kind: "incident_report", investigationId: "inv_1" },
    }));
    const requested = await ledger.lastLedgerEntry();
    expect(canonicalEvent(requested)).toMatchObject({
      action: "evidence.bundle.requested",
      details: { bundleId, kind: "incident_report" },
    });
    expect(await getEvidenceBundle({ principal: principals.riley, bundleId })).toMatchObject({
      status: "queued",
      scopeLabel: "INV-1 Night-time deploys",
    });

    const result = await makeEvidenceBundle({
      client: ledger.db,
      bundleId,
      engine,
      signer,
      ledgerVerifierKey: ledger.keys.verifierKey,
      log: (line) => logs.push(line),
    });
    expect(result.ok, logs.join("\n")).toBe(true);
    const row = await getEvidenceBundle({ principal: principals.avery, bundleId });
    expect(row).toMatchObject({
      status: "done",
      progress: 100,
      effective: { checkpointSize: "40" },
      entryCount: 14,
      signingKeyId: signer.keyId,
    });
    expect(canonicalEvent(await ledger.lastLedgerEntry())).toMatchObject({
      action: "evidence.bundle.generated",
      details: { bundleId, sha256: row.sha256 },
    });

    const download = await downloadEvidenceBundle({ principal: principals.avery, bundleId });
    expect(download.sha256).toBe(row.sha256);
    expect(canonicalEvent(await ledger.lastLedgerEntry())).toMatchObject({
      action: "evidence.bundle.downloaded",
      actor: { id: "usr_avery" },
    });
    const verdict = verifyBundle(download.bytes, { evidenceKeys: [signer.publicKey], ledgerKeys: [ledger.keys.verifierKey] });
    expect(verdict.checks.filter((check) => check.status !== "pass")).toEqual([]);
    expect(verdict.entryCount).toBe(14);
  });

  it("stands on an earlier checkpoint when the builder says so, with a consistency proof to the latest", async () => {
    const first = await ledger.db.ledgerCheckpoint.findFirstOrThrow({ where: { orgId: ORG_ID }, orderBy: { size: "asc" } });
    const earlier: TEvidenceEngine = {
      ...engine,
      buildReport: (options) =>
        engine.buildReport({
          ...options,
          checkpoint: { size: Number(first.size), rootHash: Buffer.from(first.rootHash).toString("hex"), createdAt: first.createdAt },
        }),
    };
    const second = await requestEvidenceBundle({
      principal: principals.riley,
      request: { kind: "incident_report", investigationId: "inv_1" },
    });
    await makeEvidenceBundle({
      client: ledger.db,
      bundleId: second.id,
      engine: earlier,
      signer,
      ledgerVerifierKey: ledger.keys.verifierKey,
      log: (line) => logs.push(line),
    });
    const { bytes } = await downloadEvidenceBundle({ principal: principals.riley, bundleId: second.id });
    const verdict = verifyBundle(bytes, { evidenceKeys: [signer.publicKey] });
    expect(verdict.ok).toBe(true);
    expect(verdict.checks.find((check) => check.name === "consistency")!.detail).toContain(
      "(size 20) is a prefix of the latest signed one (size 40)",
    );
  });

  it("a finished bundle cannot be changed or deleted, even by the web server's role", async () => {
    await expect(ledger.db.evidenceBundle.update({ where: { id: bundleId }, data: { sha256: "0".repeat(64) } })).rejects.toThrow(
      /finished and cannot be changed/,
    );
    await expect(ledger.db.evidenceBundle.delete({ where: { id: bundleId } })).rejects.toThrow(/finished and cannot be changed/);
  });

  it("lists and downloads only what each person may see", async () => {
    expect((await listEvidenceBundles({ principal: principals.avery })).total).toBe(2);
    expect((await listEvidenceBundles({ principal: principals.riley })).rows.map((row) => row.kind)).toEqual([
      "incident_report",
      "incident_report",
    ]);
    await expectRefused(ledger, "FORBIDDEN", () => listEvidenceBundles({ principal: principals.jordan }));
    await expectRefused(ledger, "FORBIDDEN", () => downloadEvidenceBundle({ principal: principals.sam, bundleId }));
    await expectRefused(ledger, "NOT_FOUND", () => downloadEvidenceBundle({ principal: principals.stranger, bundleId }));
    await expectRefused(ledger, "NOT_FOUND", () => downloadEvidenceBundle({ principal: principals.avery, bundleId: "evb_nope" }));
  });

  it("refuses requests for what the person cannot see, or that does not exist", async () => {
    await expectRefused(ledger, "FORBIDDEN", () =>
      requestEvidenceBundle({ principal: principals.avery, request: { kind: "incident_report", investigationId: "inv_1" } }),
    );
    await expectRefused(ledger, "FORBIDDEN", () =>
      requestEvidenceBundle({ principal: principals.riley, request: { kind: "access_review", campaignIds: ["c1"] } }),
    );
    // A responder could not download a chain of custody (not an incident report), so may not ask for one.
    await expectRefused(ledger, "FORBIDDEN", () =>
      requestEvidenceBundle({ principal: principals.riley, request: { kind: "chain_of_custody", artifactId: "art_1" } }),
    );
    await expectRefused(ledger, "NOT_FOUND", () =>
      requestEvidenceBundle({ principal: casey, request: { kind: "access_review", campaignIds: ["c1"] } }),
    );
    await expectRefused(ledger, "NOT_FOUND", () =>
      requestEvidenceBundle({ principal: principals.morgan, request: { kind: "incident_report", investigationId: "inv_2" } }),
    );
  });

  it("a failed generation is recorded as such and final", async () => {
    const failing: TEvidenceEngine = { ...engine, buildReport: async () => Promise.reject(new Error("builder exploded")) };
    const { id } = await requestEvidenceBundle({
      principal: principals.riley,
      request: { kind: "incident_report", investigationId: "inv_1" },
    });
    expect(
      (
        await makeEvidenceBundle({
          client: ledger.db,
          bundleId: id,
          engine: failing,
          signer,
          ledgerVerifierKey: ledger.keys.verifierKey,
          log: () => {},
        })
      ).ok,
    ).toBe(false);
    expect(await getEvidenceBundle({ principal: principals.riley, bundleId: id })).toMatchObject({ status: "failed" });
    expect(canonicalEvent(await ledger.lastLedgerEntry())).toMatchObject({
      action: "evidence.bundle.generated",
      outcome: { status: "failure" },
    });
    await expectRefused(ledger, "CONFLICT", () => downloadEvidenceBundle({ principal: principals.riley, bundleId: id }));
  });
});
