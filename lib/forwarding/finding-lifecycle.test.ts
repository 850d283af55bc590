import { describe, expect, it } from "vitest";
import { expectOcsfDetectionFinding } from "@/test/support/ocsf-detection-finding";
import { findingChange, repeatStep, stateAsOf, type THistoryRow } from "./finding-lifecycle";
import { detectionFinding, type TForwardedAlert } from "./ocsf";

const row = (id: number, kind: string, detail: unknown = null, authorName = "Dana Responder"): THistoryRow => ({
  id: BigInt(id),
  alertId: "alr_1",
  kind,
  authorName,
  at: new Date(Date.UTC(2026, 11, 3, 10, 0, id)),
  detail,
});

const alert: TForwardedAlert = {
  id: "alr_1",
  number: 7,
  detector: "mass_download",
  severity: "high",
  status: "closed",
  title: "svc-etl read 40 models in 10 minutes",
  summary: "40 distinct versions read; the threshold is 25.",
  observed: { distinct: 40 },
  expected: { threshold: 25 },
  actorId: "svc-etl",
  actorDisplay: "ETL",
  artifactId: "art_1",
  firstSeenAt: new Date(Date.UTC(2026, 11, 3, 9)),
  lastSeenAt: new Date(Date.UTC(2026, 11, 3, 11)),
  count: 31,
  createdAt: new Date(Date.UTC(2026, 11, 3, 9, 1)),
};

describe("repeat steps", () => {
  it("forwards repeats only when the count reaches 2, 5, 10, 20, 50, 100…", () => {
    expect([0, 1, 2, 3, 4, 5, 9, 10, 19, 20, 31, 49, 50, 99, 100, 250, 999, 1000, 2_000_000].map(repeatStep)).toEqual([
      null,
      null,
      2,
      2,
      2,
      5,
      5,
      10,
      10,
      20,
      20,
      20,
      50,
      50,
      100,
      200,
      500,
      1000,
      2_000_000,
    ]);
    // Huge or odd numbers neither loop nor throw.
    expect(repeatStep(Number.MAX_SAFE_INTEGER)).toBe(5_000_000_000_000_000);
    expect(repeatStep(Number.NaN)).toBeNull();
    expect(repeatStep(-5)).toBeNull();
    // A million repeats make 18 updates (2, 5, 10 … 500,000, 1,000,000).
    expect(new Set(Array.from({ length: 1_000_000 }, (_, index) => repeatStep(index + 1)).filter(Boolean)).size).toBe(18);
  });
});

describe("the finding's lifecycle", () => {
  const rows = [
    row(1, "acknowledged", { from: "open", to: "acknowledged", assignee: { id: "usr_sam", name: "Sam Oncall" } }),
    row(3, "closed", { from: "acknowledged", to: "closed", reason: "false_positive", reasonLabel: "False positive", note: "Nightly ETL" }),
    row(4, "suppressed", { suppressionId: "sup_1", scope: "actor" }),
    row(5, "reopened", { from: "closed", to: "open", note: "It happened again in daylight" }),
  ];

  it("replays the state as of each row, not the alert's current state", () => {
    expect(stateAsOf(rows, 1n)).toMatchObject({ status: "acknowledged", assignee: { name: "Sam Oncall" } });
    expect(stateAsOf(rows, 4n)).toMatchObject({ status: "closed", suppressed: true, closeReason: "false_positive" });
    expect(stateAsOf(rows, 5n)).toMatchObject({ status: "open", suppressed: false, closeReason: null, assignee: { name: "Sam Oncall" } });
  });

  it("makes an acknowledgement an Update (In Progress, with the assignee) and a close with a suppression a Close (Suppressed)", () => {
    const acknowledged = findingChange({ row: rows[0]!, rows, currentCount: 3 })!;
    expect(acknowledged).toMatchObject({
      activityId: 2,
      sourceKey: "alert:alr_1:h1",
      summary: "Acknowledged by Dana Responder; assigned to Sam Oncall",
    });
    const closed = findingChange({ row: rows[1]!, rows, currentCount: 3 })!;
    expect(closed).toMatchObject({ activityId: 3, comment: "Nightly ETL", state: { suppressed: true } });
    expect(closed.summary).toBe("Closed as false positive by Dana Responder, with a suppression");
    expect(findingChange({ row: rows[2]!, rows, currentCount: 3 })).toBeNull();
    expect(findingChange({ row: rows[3]!, rows, currentCount: 3 })).toMatchObject({
      activityId: 2,
      comment: "It happened again in daylight",
    });
    expect(findingChange({ row: row(9, "raised"), rows, currentCount: 1 })).toBeNull();
    const more = [
      ...rows,
      row(6, "assigned", { assignee: { id: "usr_kim", name: "Kim Lead" } }),
      row(7, "escalated", { investigation: "INV-3" }),
    ];
    expect(findingChange({ row: more[4]!, rows: more, currentCount: 3 })).toMatchObject({
      activityId: 2,
      summary: "Assigned to Kim Lead by Dana Responder",
      state: { status: "open", assignee: { id: "usr_kim" } },
    });
    expect(findingChange({ row: more[5]!, rows: more, currentCount: 3 })).toMatchObject({
      activityId: 2,
      sourceKey: "alert:alr_1:h7",
      summary: "Escalated to INV-3 by Dana Responder",
    });
  });

  it("keys a repeat by its count step, so every repeat up to the next step maps to one message", () => {
    const keys = [2, 3, 4, 5, 6, 31].map(
      (count) => findingChange({ row: row(2, "repeated", { count: 1 }), rows, currentCount: count })!.sourceKey,
    );
    expect(keys).toEqual([
      "alert:alr_1:count:2",
      "alert:alr_1:count:2",
      "alert:alr_1:count:2",
      "alert:alr_1:count:5",
      "alert:alr_1:count:5",
      "alert:alr_1:count:20",
    ]);
    expect(findingChange({ row: row(2, "repeated", { count: 1 }), rows, currentCount: 1 })).toBeNull();
  });

  it("survives hostile history details (wrong types, arrays, NUL) without inventing an assignee", () => {
    const odd = [
      row(1, "acknowledged", { assignee: ["usr_x"] }),
      row(2, "closed", { reason: 42, note: "a\u0000b" }),
      row(3, "assigned", null),
    ];
    expect(stateAsOf(odd, 3n)).toMatchObject({ status: "closed", assignee: null, closeReason: null, note: "a\u0000b" });
    expect(findingChange({ row: odd[1]!, rows: odd, currentCount: 1 })!.summary).toBe("Closed as other by Dana Responder");
  });
});

describe("OCSF payloads", () => {
  it("creates, updates and closes one finding uid, each a valid OCSF 1.3 Detection Finding", () => {
    const created = detectionFinding({ alert: { ...alert, status: "open" }, evidence: [] });
    const closed = detectionFinding({
      alert,
      evidence: [],
      alertUrl: "https://custody.example.com/alerts/alr_1",
      activity: {
        activityId: 3,
        at: new Date(Date.UTC(2026, 11, 3, 12)),
        status: "closed",
        suppressed: false,
        assignee: { id: "usr_sam", name: "Sam Oncall" },
        closeReason: "true_positive",
        comment: "Revoked the token",
        summary: "Closed as true positive by Dana Responder",
        version: "h3",
      },
    });
    for (const payload of [created, closed]) expectOcsfDetectionFinding(payload);
    expect(created).toMatchObject({ activity_id: 1, status_id: 1, status: "New", is_alert: true, metadata: { uid: "alr_1" } });
    expect(closed).toMatchObject({
      activity_id: 3,
      activity_name: "Close",
      status_id: 4,
      status: "Resolved",
      status_detail: "Closed as true positive by Dana Responder",
      comment: "Revoked the token",
      is_alert: false,
      count: 31,
      finding_info: { uid: "alr_1", modified_time: Date.UTC(2026, 11, 3, 12), last_seen_time: alert.lastSeenAt.getTime() },
      metadata: { uid: "alr_1:h3", profiles: ["host"] },
      unmapped: { custody: { assignee: { id: "usr_sam", name: "Sam Oncall" }, close_reason: "true_positive" } },
    });
  });
});
