import type { TLedgerRecord } from "@/lib/ledger/ledger-record";

// Payloads as OCSF 1.3 (https://schema.ocsf.io/1.3.0): alerts are Detection Findings (class 2004,
// category 2 Findings), ledger events API Activity (class 6003, category 6 Application Activity).
// Times are epoch milliseconds, as OCSF's timestamp_t. Pure, so the mapping is unit-tested.

export const OCSF_VERSION = "1.3.0";
const product = { name: "Custody", vendor_name: "Custody", version: "0.1.0" };

export type TAlertSeverity = "low" | "medium" | "high" | "critical";
/** OCSF severity_id: 2 Low, 3 Medium, 4 High, 5 Critical. */
export const ocsfSeverityIds: Record<TAlertSeverity, number> = { low: 2, medium: 3, high: 4, critical: 5 };

export type TForwardedAlert = {
  id: string;
  number: number;
  detector: string;
  severity: TAlertSeverity;
  status: "open" | "acknowledged" | "closed";
  title: string;
  summary: string;
  observed: unknown;
  expected: unknown;
  actorId: string | null;
  actorDisplay: string | null;
  artifactId: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  count: number;
  createdAt: Date;
};

export type TEvidenceEvent = { seq: bigint; eventId: string; action: string; occurredAt: Date; actorId: string; outcome: string };

/** OCSF 1.3 finding status_id and its caption. */
export const findingStatuses = {
  new: [1, "New"],
  inProgress: [2, "In Progress"],
  suppressed: [3, "Suppressed"],
  resolved: [4, "Resolved"],
} as const;

/** A lifecycle step of the finding (OCSF activity 2 Update or 3 Close); without one, the finding is created. */
export type TFindingActivity = {
  activityId: 2 | 3;
  at: Date;
  status: "open" | "acknowledged" | "closed";
  suppressed: boolean;
  assignee: { id: string; name: string } | null;
  closeReason: string | null;
  comment: string | null;
  summary: string;
  /** Distinguishes this event from the finding's others (metadata.uid). */
  version: string;
};

const activityNames = { 1: "Create", 2: "Update", 3: "Close" } as const;

function findingStatus(status: TForwardedAlert["status"], suppressed: boolean) {
  if (status === "closed") return suppressed ? findingStatuses.suppressed : findingStatuses.resolved;
  return status === "acknowledged" ? findingStatuses.inProgress : findingStatuses.new;
}

/**
 * An alert as an OCSF Detection Finding: activity 1 Create, or with `activity` an Update or Close
 * of the same finding (`finding_info.uid` is the alert's id throughout). `alertUrl` links back to its page.
 */
export function detectionFinding({
  alert,
  evidence,
  alertUrl,
  activity,
}: {
  alert: TForwardedAlert;
  evidence: TEvidenceEvent[];
  alertUrl?: string;
  activity?: TFindingActivity;
}): Record<string, unknown> {
  const activityId = activity?.activityId ?? 1;
  const [statusId, statusName] = findingStatus(activity?.status ?? alert.status, activity?.suppressed ?? false);
  const custody = {
    alert_number: alert.number,
    observed: alert.observed,
    expected: alert.expected,
    ...(activity
      ? { change: activity.summary, assignee: activity.assignee, close_reason: activity.closeReason, status: activity.status }
      : {}),
  };
  return {
    class_uid: 2004,
    class_name: "Detection Finding",
    category_uid: 2,
    category_name: "Findings",
    activity_id: activityId,
    activity_name: activityNames[activityId],
    type_uid: 2004 * 100 + activityId,
    type_name: `Detection Finding: ${activityNames[activityId]}`,
    time: (activity?.at ?? alert.createdAt).getTime(),
    severity_id: ocsfSeverityIds[alert.severity],
    severity: capitalise(alert.severity),
    status_id: statusId,
    status: statusName,
    ...(activity ? { status_detail: activity.summary } : {}),
    ...(activity?.comment ? { comment: activity.comment } : {}),
    // A Close is not an alertable signal (OCSF's note on is_alert).
    is_alert: activityId !== 3,
    count: alert.count,
    message: alert.title,
    finding_info: {
      uid: alert.id,
      title: alert.title,
      desc: alert.summary,
      types: [alert.detector],
      analytic: { uid: alert.detector, name: alert.detector, type_id: 1, type: "Rule" },
      first_seen_time: alert.firstSeenAt.getTime(),
      last_seen_time: alert.lastSeenAt.getTime(),
      created_time: alert.createdAt.getTime(),
      ...(activity ? { modified_time: activity.at.getTime() } : {}),
      ...(alertUrl ? { src_url: alertUrl } : {}),
      related_events: evidence.map((event) => ({
        uid: event.eventId,
        product_uid: `ledger:${event.seq}`,
        type: event.action,
        first_seen_time: event.occurredAt.getTime(),
        last_seen_time: event.occurredAt.getTime(),
      })),
    },
    evidences: evidence.map((event) => ({
      actor: { user: { uid: event.actorId } },
      api: { operation: event.action },
      data: { ledger_seq: event.seq.toString(), event_uid: event.eventId, outcome: event.outcome },
    })),
    ...(alert.actorId ? { actor: { user: { uid: alert.actorId, ...(alert.actorDisplay ? { name: alert.actorDisplay } : {}) } } } : {}),
    ...(alert.artifactId ? { resources: [{ uid: alert.artifactId, type: "ML model artifact" }] } : {}),
    metadata: {
      version: OCSF_VERSION,
      product,
      // The Host profile is what brings `actor` to a finding.
      ...(alert.actorId ? { profiles: ["host"] } : {}),
      uid: activity ? `${alert.id}:${activity.version}` : alert.id,
      log_name: "custody.alerts",
    },
    unmapped: { custody },
  };
}

/** The finding "Send a test" delivers: shaped like a real one, marked as a test. */
export function testFinding({
  messageId,
  at,
  destinationName,
}: {
  messageId: string;
  at: Date;
  destinationName: string;
}): Record<string, unknown> {
  return {
    class_uid: 2004,
    class_name: "Detection Finding",
    category_uid: 2,
    category_name: "Findings",
    activity_id: 99,
    activity_name: "Other",
    type_uid: 200499,
    type_name: "Detection Finding: Other",
    time: at.getTime(),
    severity_id: 1,
    severity: "Informational",
    status_id: 1,
    status: "New",
    is_alert: false,
    message: `Test delivery from Custody to ${destinationName}`,
    finding_info: {
      uid: messageId,
      title: "Custody test delivery",
      desc: `Sent by "Send a test" on the destination ${destinationName}. No action is needed.`,
      types: ["test"],
      first_seen_time: at.getTime(),
      last_seen_time: at.getTime(),
      related_events: [],
    },
    evidences: [],
    metadata: { version: OCSF_VERSION, product, uid: messageId, log_name: "custody.test" },
  };
}

export type TForwardedEvent = { seq: bigint; record: TLedgerRecord };

const activityIds: [RegExp, number, string][] = [
  [/(^|[._])(create|register|upload|write|put|add)/, 1, "Create"],
  [/(^|[._])(read|download|get|view|list|search|export)/, 2, "Read"],
  [/(^|[._])(update|deploy|promote|set|change|rotate|enable|disable|approve|revoke|grant|tag)/, 3, "Update"],
  [/(^|[._])(delete|retire|remove|destroy)/, 4, "Delete"],
];

/** A ledger event as OCSF API Activity. */
export function apiActivity({ seq, record }: TForwardedEvent): Record<string, unknown> {
  const action = record.action.toLowerCase();
  const [, activityId, activityName] = activityIds.find(([pattern]) => pattern.test(action)) ?? [null, 99, "Other"];
  const status = record.outcome.status;
  return {
    class_uid: 6003,
    class_name: "API Activity",
    category_uid: 6,
    category_name: "Application Activity",
    activity_id: activityId,
    activity_name: activityName,
    type_uid: 6003 * 100 + activityId,
    type_name: `API Activity: ${activityName}`,
    time: Date.parse(record.occurredAt),
    severity_id: status === "success" ? 1 : 3,
    severity: status === "success" ? "Informational" : "Medium",
    status_id: status === "success" ? 1 : 2,
    status: status === "success" ? "Success" : status === "denied" ? "Denied" : "Failure",
    ...(record.outcome.code ? { status_code: record.outcome.code } : {}),
    ...(record.outcome.message ? { status_detail: record.outcome.message } : {}),
    actor: {
      user: {
        uid: record.actor.id,
        type: record.actor.type === "user" ? "User" : "Service",
        type_id: record.actor.type === "user" ? 1 : 99,
        ...(record.actor.display ? { name: record.actor.display } : {}),
      },
      ...(record.actor.onBehalfOf ? { invoked_by: record.actor.onBehalfOf } : {}),
    },
    api: {
      operation: record.action,
      service: { name: record.source.system, ...(record.source.version ? { version: record.source.version } : {}) },
      ...(record.requestId ? { request: { uid: record.requestId } } : {}),
    },
    src_endpoint: {
      ...(record.network?.sourceIp ? { ip: record.network.sourceIp } : {}),
      ...(record.network?.userAgent ? { svc_name: record.network.userAgent } : {}),
      ...(record.network ? {} : { name: record.interface }),
    },
    ...(record.network?.userAgent ? { http_request: { user_agent: record.network.userAgent } } : {}),
    resources: record.target
      ? [
          {
            uid: record.target.artifactId ?? record.target.digest ?? record.target.uri ?? "unknown",
            type: "ML model artifact",
            data: {
              ...(record.target.version ? { version: record.target.version } : {}),
              ...(record.target.digest ? { digest: record.target.digest } : {}),
              ...(record.target.environment ? { environment: record.target.environment } : {}),
              ...(record.target.uri ? { uri: record.target.uri } : {}),
            },
          },
        ]
      : [],
    metadata: {
      version: OCSF_VERSION,
      product,
      uid: record.eventId,
      sequence: Number(seq),
      logged_time: Date.parse(record.recordedAt),
      log_name: "custody.ledger",
    },
    unmapped: { custody: { ledger_seq: seq.toString(), interface: record.interface, submitted_by: record.submittedBy } },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
