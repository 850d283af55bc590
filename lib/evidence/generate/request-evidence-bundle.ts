import "server-only";
import { randomBytes } from "node:crypto";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { resolveControlScope } from "@/lib/controls/control-scope";
import { controlHealthPeriod } from "@/lib/evidence/report/control-health-period";
import { investigationLabel } from "@/lib/investigations/investigation-vocabulary";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { evidenceBundleChannel } from "./evidence-bundle-channel";
import { evidenceKindLabel, type TEvidenceRequest } from "./evidence-request";

const MAX_WAITING_PER_PERSON = 3;

/**
 * Asks for an evidence bundle: checks the person may see what it covers, records the request in
 * the ledger with the row, and wakes the launcher's job, which alone can sign it. Returns the id
 * whose progress the page follows.
 */
export async function requestEvidenceBundle({
  principal,
  request,
}: {
  principal: TPrincipal;
  request: TEvidenceRequest;
}): Promise<{ id: string }> {
  assertCapability(principal, "evidence.generate");
  const orgId = principal.orgId;
  return db().$transaction(async (tx) => {
    const scope = await resolveScope(tx, principal, request);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`custody-evidence:${orgId}:${principal.userId}`}, 0))`;
    const waiting = await tx.evidenceBundle.count({
      where: { orgId, requestedById: principal.userId, status: { in: ["queued", "running"] } },
    });
    if (waiting >= MAX_WAITING_PER_PERSON)
      throw new AppError("RATE_LIMITED", `You already have ${waiting} bundles being made. Wait for one to finish, then ask again.`);
    const id = `evb_${randomBytes(10).toString("hex")}`;
    const { seq } = await recordInternalEvent(tx, {
      action: "evidence.bundle.requested",
      ...recordedBy(principal),
      ...(scope.artifactId ? { target: { artifactId: scope.artifactId, ...(scope.digest ? { digest: scope.digest } : {}) } } : {}),
      details: { bundleId: id, kind: request.kind, scope: request, scopeLabel: scope.label },
    });
    await tx.evidenceBundle.create({
      data: {
        id,
        orgId,
        kind: request.kind,
        scope: request,
        scopeLabel: scope.label,
        periodFrom: scope.periodFrom,
        periodTo: scope.periodTo,
        investigationId: scope.investigationId,
        requestedById: principal.userId,
        requestedByName: principal.name,
        requestSeq: seq,
      },
    });
    await tx.$executeRaw`SELECT pg_notify(${evidenceBundleChannel}, ${id})`;
    return { id };
  });
}

type TResolvedScope = {
  label: string;
  periodFrom: Date | null;
  periodTo: Date | null;
  investigationId: string | null;
  artifactId?: string;
  digest?: string;
};

async function resolveScope(tx: DbTransaction, principal: TPrincipal, request: TEvidenceRequest): Promise<TResolvedScope> {
  const orgId = principal.orgId;
  const none = (what: string) => new AppError("NOT_FOUND", `No such ${what} in your organisation.`);
  switch (request.kind) {
    case "access_review": {
      assertCapability(principal, "reviews.view");
      const campaigns = await tx.reviewCampaign.findMany({
        where: { orgId, id: { in: request.campaignIds } },
        select: { id: true, name: true, status: true, launchedAt: true, closedAt: true, createdAt: true },
      });
      if (campaigns.length !== new Set(request.campaignIds).size) throw none("campaign");
      const open = campaigns.filter((campaign) => campaign.status !== "closed");
      if (open.length > 0)
        throw new AppError("CONFLICT", `Evidence is made of closed campaigns; ${open.map((c) => c.name).join(", ")} is not closed yet.`);
      const starts = campaigns.map((c) => (c.launchedAt ?? c.createdAt).getTime());
      const ends = campaigns.map((c) => c.closedAt!.getTime());
      const label = campaigns.length === 1 ? campaigns[0]!.name : `${campaigns.length} campaigns`;
      return {
        label: `${evidenceKindLabel.access_review}: ${label}`,
        periodFrom: new Date(Math.min(...starts)),
        periodTo: new Date(Math.max(...ends)),
        investigationId: null,
      };
    }
    case "incident_report": {
      assertCapability(principal, "investigations.view");
      const investigation = await tx.investigation.findFirst({
        where: { orgId, id: request.investigationId },
        select: { id: true, number: true, title: true, createdAt: true },
      });
      if (!investigation) throw none("investigation");
      return {
        label: `${investigationLabel(investigation.number)} ${investigation.title}`,
        periodFrom: investigation.createdAt,
        periodTo: null,
        investigationId: investigation.id,
      };
    }
    case "chain_of_custody": {
      // Only those who may download every bundle: a responder could not open the one made.
      assertCapability(principal, "ledger.read");
      assertCapability(principal, "evidence.view.all");
      const artifact = await tx.artifact.findFirst({ where: { orgId, id: request.artifactId }, select: { id: true, name: true } });
      if (!artifact) throw none("artifact");
      const from = request.from ? new Date(request.from) : null;
      const to = request.to ? new Date(request.to) : null;
      if (from && to && from > to)
        throw new AppError("INVALID_INPUT", "The period starts after it ends.", { fieldErrors: [{ field: "from", message: "before to" }] });
      const digest = request.digest?.replace(/^sha256:/, "");
      return {
        label: `${artifact.name}${digest ? ` @ sha256:${digest.slice(0, 12)}…` : ""}`,
        periodFrom: from,
        periodTo: to,
        investigationId: null,
        artifactId: artifact.id,
        ...(digest ? { digest } : {}),
      };
    }
    case "control_health": {
      // As the Control health page: a manager only his teams; and, as for chains of custody, only
      // those who may download every bundle, or the one made could not be opened.
      assertCapability(principal, "controls.view");
      assertCapability(principal, "evidence.view.all");
      const scope = await resolveControlScope({ principal, teamId: request.teamId ?? null, client: tx });
      const period = controlHealthPeriod(request, new Date());
      return {
        // The list shows the kind and the period beside it.
        label: scope.label,
        periodFrom: new Date(`${period.fromDay}T00:00:00.000Z`),
        periodTo: new Date(Date.parse(`${period.toDay}T00:00:00.000Z`) + 86_399_999),
        investigationId: null,
      };
    }
  }
}
