import "server-only";
import { z } from "zod";
import { assertCapability } from "@/lib/authz/assert-capability";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { ZInstant } from "@/lib/input/instant";
import { parseInput } from "@/lib/input/parse-input";
import { ZPathId } from "@/lib/input/route-params";
import { deployChangeOf, laneOfAction } from "@/lib/timeline/lanes";
import { correlatedBranches, timelineColumns } from "@/lib/timeline/timeline-sql";
import { resolveArtifactCorrelation, type TArtifactCorrelation } from "@/lib/timeline/resolve-artifact-correlation";
import { toTimelineEvent, type TTimelineRow } from "@/lib/timeline/list-artifact-events";
import type { TEvidenceReport } from "../evidence-report";
import { custodyTables, isSignatureAction } from "./custody-tables";
import { CitedEntries, checkpointOf, count, day, iso, type TReportRequest } from "./report-context";

const window = { from: ZInstant.nullish(), to: ZInstant.nullish() };
/** An artifact (by Custody id) or one content digest (64 hex), over a window whose ends may be open. */
export const ZChainOfCustodyScope = z.union([
  z.strictObject({ artifactId: ZPathId, ...window }),
  z.strictObject({ digest: z.string().regex(/^(sha256:)?[0-9a-f]{64}$/, "A digest is 64 lower-case hex digits (sha256)."), ...window }),
]);
export type TChainOfCustodyScope = z.input<typeof ZChainOfCustodyScope>;

/** The most events one report holds: a longer history is asked for by window. */
export const maxCustodyEvents = 50_000;

/**
 * The chain of custody of an artifact (everything its timeline correlates: its ids and content
 * digests) or of one digest, over a window, as of the signed checkpoint: versions, registrations,
 * signatures, deployments per environment, who held which grant when, and every event.
 * Needs evidence.generate and ledger.read; an artifact the person may not see is "not found".
 */
export async function buildChainOfCustodyReport(db: Db, request: TReportRequest<TChainOfCustodyScope>): Promise<TEvidenceReport> {
  const { principal } = request;
  assertCapability(principal, "evidence.generate");
  assertCapability(principal, "ledger.read");
  const scope = parseInput(ZChainOfCustodyScope, request.scope, "The chain of custody was not generated");
  const { size, effective } = checkpointOf(request.asOf);
  const now = request.now ?? new Date();
  const from = scope.from ? new Date(scope.from) : null;
  const to = scope.to ? new Date(scope.to) : null;
  if (from && to && from >= to)
    throw new AppError("INVALID_INPUT", "The window must end after it starts.", { fieldErrors: [{ field: "to", message: "after from" }] });

  const digest = "digest" in scope ? scope.digest.replace(/^sha256:/, "") : null;
  const correlation: TArtifactCorrelation | null =
    "artifactId" in scope ? await resolveArtifactCorrelation({ principal, artifactId: scope.artifactId, client: db }) : null;
  const versions = digest
    ? await db.artifactVersion.findMany({
        where: { orgId: principal.orgId, digest: { in: [digest, `sha256:${digest}`] } },
        orderBy: [{ artifactId: "asc" }, { version: "asc" }],
        include: { artifact: { select: { id: true, name: true } } },
      })
    : await db.artifactVersion.findMany({
        where: { orgId: principal.orgId, artifactId: correlation!.artifact.id },
        orderBy: { version: "asc" },
        include: { artifact: { select: { id: true, name: true } } },
      });

  const conditions = [Prisma.sql`e.seq < ${size}`];
  if (from) conditions.push(Prisma.sql`e."occurredAt" >= ${from.toISOString()}::timestamp`);
  if (to) conditions.push(Prisma.sql`e."occurredAt" < ${to.toISOString()}::timestamp`);
  const where = Prisma.join(conditions, " AND ");
  const select = Prisma.sql`${timelineColumns}, encode(e.canonical, 'base64') AS canonical, encode(e."leafHash", 'hex') AS "leafHash"`;
  const limit = maxCustodyEvents + 1;
  const rows = correlation
    ? await db.$queryRaw<
        TTimelineRow[]
      >`SELECT * FROM (${correlatedBranches(correlation, select, where)}) events ORDER BY "occurredAt" ASC, seq ASC LIMIT ${limit}`
    : await db.$queryRaw<TTimelineRow[]>`
        SELECT ${select}, 'digest' AS "correlatedBy" FROM "LedgerEntry" e
        WHERE e."orgId" = ${principal.orgId} AND e.digest IN (${digest}, ${`sha256:${digest}`}) AND ${where}
        ORDER BY e."occurredAt" ASC, e.seq ASC LIMIT ${limit}`;
  if (rows.length > maxCustodyEvents)
    throw new AppError(
      "INVALID_INPUT",
      `More than ${maxCustodyEvents.toLocaleString("en-GB")} events in this window: choose a shorter window.`,
    );
  const events = rows.map(toTimelineEvent);

  const cited = new CitedEntries(size);
  for (const row of rows) cited.add({ seq: BigInt(row.seq), action: row.action, outcome: row.outcome });

  const artifactIds = correlation ? [correlation.artifact.id] : [...new Set(versions.map((version) => version.artifactId))];
  const artifacts = await db.artifact.findMany({
    where: { orgId: principal.orgId, id: { in: artifactIds } },
    select: { id: true, projectId: true },
  });
  const windowStart = from ?? new Date(0);
  const windowEnd = to ?? now;
  const grants = artifacts.length
    ? await db.grant.findMany({
        where: {
          orgId: principal.orgId,
          OR: [
            { artifactId: { in: artifacts.map((artifact) => artifact.id) } },
            { projectId: { in: artifacts.map((artifact) => artifact.projectId) } },
          ],
          validFrom: { lt: windowEnd },
          AND: [
            { OR: [{ validUntil: null }, { validUntil: { gt: windowStart } }] },
            { OR: [{ revokedAt: null }, { revokedAt: { gt: windowStart } }] },
          ],
          createdAt: { lt: effective.checkpointCreatedAt },
        },
        include: {
          user: { select: { name: true, kind: true } },
          group: { select: { name: true } },
          serviceAccount: { select: { name: true } },
          environment: { select: { name: true } },
          artifact: { select: { name: true } },
          project: { select: { name: true } },
        },
        orderBy: [{ validFrom: "asc" }, { id: "asc" }],
      })
    : [];
  const creators = await db.user.findMany({
    where: { id: { in: versions.map((version) => version.createdByUserId).filter((id) => id !== null) } },
    select: { id: true, name: true },
  });

  const actions = cited.actions();
  const figures = [
    cited.figure("events", "Events in the window", actions),
    cited.figure(
      "registrations",
      "Registrations and uploads",
      cited.actions((action) => laneOfAction(action) === "registration"),
    ),
    cited.figure("signatures", "Signatures and attestations", cited.actions(isSignatureAction)),
    cited.figure(
      "deployments",
      "Deployments (a version put into an environment)",
      cited.actions((action) => deployChangeOf(action) === "start"),
    ),
    cited.figure(
      "undeployments",
      "Undeployments",
      cited.actions((action) => deployChangeOf(action) === "end"),
    ),
    cited.figure("denied", "Events refused (outcome denied)", actions, ["denied"]),
    cited.figure("failed", "Events that failed (outcome failure)", actions, ["failure"]),
  ];
  const subject = correlation ? `artifact ${correlation.artifact.name} (${correlation.artifact.id})` : `digest sha256:${digest}`;
  const windowText = `${from ? day(from) : "the first event"} to ${to ? day(to) : "the checkpoint"}`;

  return {
    formatVersion: 1,
    kind: "chain_of_custody",
    title: `Chain of custody: ${correlation ? correlation.artifact.name : `sha256:${digest!.slice(0, 12)}…`}`,
    scope: {
      label: `${subject}, ${windowText}`,
      ids: correlation
        ? { artifactId: correlation.artifact.id, digests: correlation.digests }
        : { digest: digest!, artifactIds: artifactIds },
    },
    period: { from: iso(from), to: iso(to) },
    effective,
    generatedAt: now.toISOString(),
    generatedBy: { id: principal.userId, name: principal.name },
    summary: [
      `${count(versions.length, "version")}${correlation && correlation.unregisteredDigests.length ? ` and ${count(correlation.unregisteredDigests.length, "unregistered digest")} seen with it` : ""}; ${count(events.length, "event")} from ${count(new Set(events.map((event) => event.sourceSystem)).size, "source system")}.`,
      `${count(figures[3]!.value, "deployment")} into ${count(new Set(events.filter((event) => deployChangeOf(event.action) === "start").map((event) => event.environment ?? "unnamed")).size, "environment")}; ${count(figures[2]!.value, "signature or attestation", "signatures or attestations")}.`,
      `${count(grants.length, "grant")} in force at some time in the window.`,
    ],
    sections: [
      {
        title: "Versions",
        paragraphs: [
          "Every registered version with its content digest (sha256), whether a verified signature was seen, and who registered it.",
        ],
        tables: ["versions"],
      },
      {
        title: "Registrations and signatures",
        paragraphs: ["Registry events and signature or attestation events, oldest first."],
        tables: ["registrations", "signatures"],
      },
      {
        title: "Deployments",
        paragraphs: ["What went into and out of each environment, and when, from the ledger."],
        tables: ["deployments"],
      },
      {
        title: "Who held which grant when",
        paragraphs: ["Grants on the artifact or its project in force at some time in the window, with their validity and any revocation."],
        tables: ["grants"],
      },
      { title: "Every event", paragraphs: [`Every ledger event of ${subject} in the window, oldest first.`], tables: ["events"] },
    ],
    tables: custodyTables({ versions, events, grants, creatorName: new Map(creators.map((creator) => [creator.id, creator.name])) }),
    figures,
    citedSeqs: cited.seqs(),
  };
}
