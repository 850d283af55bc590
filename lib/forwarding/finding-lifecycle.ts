// How an alert's history becomes the lifecycle of one OCSF Detection Finding at a SIEM: each status
// change is an Update (activity 2) or, for a close, a Close (activity 3) of the same finding uid,
// and repeats are coalesced so a noisy detector never floods a destination. Pure, so unit-tested.

export type TFindingStatus = "open" | "acknowledged" | "closed";
export type TPerson = { id: string; name: string };

/** A row of AlertHistory as the forwarder reads it. */
export type THistoryRow = { id: bigint; alertId: string; kind: string; authorName: string | null; at: Date; detail: unknown };

/** The alert as of one history row (replayed from its status rows, not read from its current state). */
export type TFindingState = {
  status: TFindingStatus;
  suppressed: boolean;
  assignee: TPerson | null;
  closeReason: string | null;
  closeReasonLabel: string | null;
  note: string | null;
};

/** History kinds that change the finding's state; `repeated` and `raised` do not. */
export const statusKinds = ["acknowledged", "assigned", "closed", "suppressed", "reopened", "escalated"] as const;

/**
 * Repeats are forwarded when the alert's count reaches 2, 5, 10, 20, 50, 100, 200, 500… (a 1-2-5
 * series): at most three updates per tenfold rise, whatever the detector's noise, while every status
 * change carries the count as it stands. Returns the highest step reached (null below 2).
 */
export function repeatStep(count: number): number | null {
  if (!Number.isSafeInteger(count) || count < 2) return null;
  let step = 2;
  for (let decade = 1; ; decade *= 10)
    for (const factor of [1, 2, 5]) {
      const next = factor * decade;
      if (next > count) return step;
      if (next >= 2) step = next;
    }
}

/** Replays an alert's status rows, in id order, up to and including `upTo`. */
export function stateAsOf(rows: THistoryRow[], upTo: bigint): TFindingState {
  const state: TFindingState = { status: "open", suppressed: false, assignee: null, closeReason: null, closeReasonLabel: null, note: null };
  for (const row of rows) {
    if (row.id > upTo) break;
    const detail = asRecord(row.detail);
    switch (row.kind) {
      case "acknowledged":
        state.status = "acknowledged";
        state.assignee = personOf(detail.assignee);
        break;
      case "assigned":
        state.assignee = personOf(detail.assignee);
        break;
      case "closed":
        state.status = "closed";
        state.suppressed = false;
        state.closeReason = typeof detail.reason === "string" ? detail.reason : null;
        state.closeReasonLabel = typeof detail.reasonLabel === "string" ? detail.reasonLabel : state.closeReason;
        state.note = typeof detail.note === "string" ? detail.note : null;
        break;
      case "suppressed":
        if (state.status === "closed") state.suppressed = true;
        break;
      case "reopened":
        state.status = "open";
        state.suppressed = false;
        state.closeReason = null;
        state.closeReasonLabel = null;
        state.note = typeof detail.note === "string" ? detail.note : null;
        break;
    }
  }
  return state;
}

export type TFindingChange = {
  /** The delivery's source key: unique per destination, so a change is queued once however often it is read. */
  sourceKey: string;
  activityId: 2 | 3;
  /** ISO time of the change (OCSF `time`). */
  at: Date;
  state: TFindingState;
  /** OCSF `comment`: the person's note, or what happened in words. */
  comment: string | null;
  /** OCSF `status_detail` and the delivery log's line. */
  summary: string;
};

/**
 * The finding change one history row makes, or null when it makes none (raised; a suppression,
 * which rides on its close; a repeat below the next step). `rows` are the alert's status rows (any
 * order); `currentCount` is the alert's count now, since a repeat's row holds only what it added.
 */
export function findingChange({
  row,
  rows,
  currentCount,
}: {
  row: THistoryRow;
  rows: THistoryRow[];
  currentCount: number;
}): TFindingChange | null {
  const ordered = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const detail = asRecord(row.detail);
  const author = row.authorName ?? "someone";
  const base = { at: row.at, sourceKey: `alert:${row.alertId}:h${row.id}` };
  /** An Update (OCSF activity 2) of the finding, in its state as of this row, without a comment; `summary` may read that state. */
  const update = (summary: (state: TFindingState) => string): TFindingChange => {
    const state = stateAsOf(ordered, row.id);
    return { ...base, activityId: 2, state, comment: null, summary: summary(state) };
  };
  switch (row.kind) {
    case "repeated": {
      const step = repeatStep(currentCount);
      if (step === null) return null;
      return { ...update(() => `Seen ${currentCount} times`), sourceKey: `alert:${row.alertId}:count:${step}` };
    }
    case "acknowledged":
      return update((state) => `Acknowledged by ${author}${state.assignee ? `; assigned to ${state.assignee.name}` : ""}`);
    case "assigned":
      return update((state) => (state.assignee ? `Assigned to ${state.assignee.name} by ${author}` : `Unassigned by ${author}`));
    case "closed": {
      // A suppression made in the same step (the next status row) closes the finding as Suppressed.
      const next = ordered.find((other) => other.id > row.id);
      const state = stateAsOf(ordered, next?.kind === "suppressed" ? next.id : row.id);
      return {
        ...base,
        activityId: 3,
        state,
        comment: state.note,
        summary: `Closed as ${(state.closeReasonLabel ?? "other").toLowerCase()} by ${author}${state.suppressed ? ", with a suppression" : ""}`,
      };
    }
    case "reopened": {
      const state = stateAsOf(ordered, row.id);
      return { ...base, activityId: 2, state, comment: state.note, summary: `Reopened by ${author}` };
    }
    case "escalated": {
      const label = typeof detail.investigation === "string" ? detail.investigation : "an investigation";
      return update(() => `Escalated to ${label} by ${author}`);
    }
    default:
      return null;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function personOf(value: unknown): TPerson | null {
  const record = asRecord(value);
  return typeof record.id === "string" && typeof record.name === "string" ? { id: record.id, name: record.name } : null;
}
