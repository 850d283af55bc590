import type { GrantAction, GrantOrigin } from "@/lib/generated/prisma/enums";
import { addDays } from "./add-days";
import type { DemoGrantContext } from "./demo-organization";
import { laterOf } from "./later-of";

type PersonaGrant = {
  subject: string;
  artifact?: string;
  project?: string;
  action: GrantAction;
  environmentId?: string;
  /** Days relative to now (negative: in the past). */
  from: number;
  until?: number;
  origin: GrantOrigin;
  justification: string;
  /** Persona subject, or "lead:<team>". */
  grantedBy: string | null;
  revoked?: { at: number; by: string; reason: string };
};

// Written by hand so that signing in as each persona shows something worth looking at: access that
// expires soon, access that expired, revoked access, a break-glass grant, a review exception.
const personaGrants: readonly PersonaGrant[] = [
  {
    subject: "jordan",
    artifact: "support-embedder-e5-base",
    action: "read",
    from: -60,
    until: 21,
    origin: "request",
    grantedBy: "lead:language-team",
    justification: "MLR-2207: evaluate the support embedder for defect-report search.",
  },
  {
    subject: "jordan",
    artifact: "defect-detector-resnet50",
    action: "deploy",
    environmentId: "env_prod",
    from: -30,
    until: 25,
    origin: "request",
    grantedBy: "sam",
    justification: "MLR-2291: on call for the defect detector during the line 3 rollout.",
  },
  {
    subject: "jordan",
    artifact: "motor-failure-predictor-xgboost",
    action: "read",
    from: -200,
    until: -110,
    origin: "request",
    grantedBy: "lead:forecasting-team",
    justification: "MLR-1874: compare feature pipelines with the fleet team.",
  },
  {
    subject: "jordan",
    artifact: "weld-seam-segmenter-unet",
    action: "retire",
    from: -520,
    origin: "policy",
    grantedBy: "lead:platform-team",
    justification: "Migrated from the legacy registry ACL.",
  },
  {
    subject: "jordan",
    artifact: "invoice-extractor-layoutlmv3",
    action: "read",
    from: -300,
    origin: "request",
    grantedBy: "lead:language-team",
    justification: "MLR-1650: borrow the layout encoder for label OCR.",
    revoked: { at: -150, by: "casey", reason: "Q2 access review: unused for 90 days." },
  },
  {
    subject: "taylor",
    artifact: "pallet-detector-yolov8",
    action: "write",
    from: -150,
    until: 45,
    origin: "request",
    grantedBy: "sam",
    justification: "SOW-31: retrain the pallet detector on the new warehouse footage.",
  },
  {
    subject: "taylor",
    artifact: "depth-estimator-midas",
    action: "read",
    from: -150,
    until: 45,
    origin: "request",
    grantedBy: "sam",
    justification: "SOW-31: depth features for the pallet detector.",
  },
  {
    subject: "taylor",
    artifact: "obstacle-segmenter-deeplabv3",
    action: "register",
    from: -40,
    until: 10,
    origin: "request",
    grantedBy: "sam",
    justification: "MLR-2310: register the retrained obstacle model before hand-over.",
  },
  {
    subject: "taylor",
    artifact: "bin-picking-grasp-net",
    action: "deploy",
    environmentId: "env_staging",
    from: -90,
    until: 45,
    origin: "request",
    grantedBy: "sam",
    justification: "SOW-31: staging trials of grasp proposals.",
  },
  {
    subject: "taylor",
    artifact: "support-intent-classifier",
    action: "read",
    from: -120,
    origin: "request",
    grantedBy: "lead:language-team",
    justification: "Curious about the intent taxonomy.",
    revoked: { at: -20, by: "sam", reason: "Outside the engagement's scope." },
  },
  {
    subject: "quinn",
    artifact: "support-intent-classifier",
    action: "read",
    from: -180,
    until: 90,
    origin: "request",
    grantedBy: "lead:language-team",
    justification: "Vector Labs SOW-14: fine-tune the intent classifier on partner data.",
  },
  {
    subject: "quinn",
    artifact: "reply-suggester-llama3-8b",
    action: "read",
    from: -75,
    until: 12,
    origin: "request",
    grantedBy: "lead:language-team",
    justification: "Vector Labs SOW-14: evaluate reply quality against the partner model.",
  },
  {
    subject: "quinn",
    artifact: "support-embedder-e5-base",
    action: "write",
    from: -45,
    until: 28,
    origin: "request",
    grantedBy: "lead:language-team",
    justification: "Vector Labs SOW-14: push the domain-adapted embedder.",
  },
  {
    subject: "quinn",
    artifact: "ticket-router-distilbert",
    action: "read",
    from: -160,
    until: -30,
    origin: "request",
    grantedBy: "lead:language-team",
    justification: "Vector Labs pilot: baseline for the router.",
  },
  {
    subject: "quinn",
    artifact: "toxicity-filter-roberta",
    action: "read",
    from: -25,
    until: 40,
    origin: "review_exception",
    grantedBy: "casey",
    justification: "Q3 access review: kept until the partner's safety evaluation ends (exception RX-118).",
  },
  {
    subject: "sam",
    project: "factory-inspection",
    action: "retire",
    from: -700,
    origin: "policy",
    grantedBy: "lead:platform-team",
    justification: "Engineering manager: decides when Vision models are retired.",
  },
  {
    subject: "sam",
    project: "warehouse-navigation",
    action: "retire",
    from: -700,
    origin: "policy",
    grantedBy: "lead:platform-team",
    justification: "Engineering manager: decides when Vision models are retired.",
  },
  {
    subject: "riley",
    artifact: "pcb-inspection-yolov8",
    action: "deploy",
    environmentId: "env_prod",
    from: -6,
    until: -6 + 4 / 24,
    origin: "break_glass",
    grantedBy: null,
    justification: "INC-4127: emergency rollback of pcb-inspection-yolov8 after false rejects on line 2.",
  },
  {
    subject: "morgan",
    project: "demand-forecasting",
    action: "deploy",
    environmentId: "env_prod",
    from: -430,
    origin: "request",
    grantedBy: "lead:platform-team",
    justification: "Temporary: debugging the forecasting deploy pipeline.",
  },
];

export function generatePersonaGrants({ now, builder, people, artifacts, projects }: DemoGrantContext): void {
  const idOf = (who: string) => (who.startsWith("lead:") ? people.teamLeads.get(who.slice(5)) : people.personaIds.get(who));
  for (const grant of personaGrants) {
    const artifact = grant.artifact ? artifacts.find((candidate) => candidate.name === grant.artifact) : undefined;
    const artifactId = artifact?.id;
    const projectId = grant.project && projects.find((project) => project.slug === grant.project)?.id;
    const userId = idOf(grant.subject);
    // Below scale 1 some of these models do not exist; their grants go with them.
    if ((!artifactId && !projectId) || !userId) continue;
    builder.add({
      principal: { type: "user", id: userId },
      scope: artifactId ? { artifactId } : { projectId: projectId as string },
      action: grant.action,
      environmentId: grant.environmentId,
      validFrom: artifact ? laterOf(addDays(now, grant.from), addDays(artifact.createdAt, 1)) : addDays(now, grant.from),
      validUntil: grant.until === undefined ? null : addDays(now, grant.until),
      origin: grant.origin,
      justification: grant.justification,
      grantedById: grant.grantedBy ? idOf(grant.grantedBy) : null,
      revoked: grant.revoked && {
        at: addDays(now, grant.revoked.at),
        byId: idOf(grant.revoked.by) as string,
        reason: grant.revoked.reason,
      },
    });
  }
}
