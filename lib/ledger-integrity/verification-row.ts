import { z } from "zod";

// The words of the Ledger integrity page, shared by the domain and the browser (no server-only
// here): what a LedgerVerification row means, and its JSON form for the progress endpoint.

export const manualTriggerPrefix = "manual:";

/** A run unfinished after this long is taken to have died with its server process. */
export const abandonedAfterMs = 10 * 60_000;

export const failureKinds = ["bytes", "column", "tree", "checkpoint"] as const;

export type TFailureKind = (typeof failureKinds)[number];

const ZListedFailure = z.object({
  kind: z.string(),
  problem: z.string().optional(),
  seq: z.number().optional(),
  throughSeq: z.number().optional(),
  column: z.string().optional(),
  checkpointId: z.string().optional(),
  message: z.string(),
});

/** A stored failure: the first failure's fields, and (since runs report every failure) the count per kind and the first listed. */
export const ZVerificationFailure = ZListedFailure.extend({
  total: z.number().optional(),
  counts: z.object({ bytes: z.number(), column: z.number(), tree: z.number(), checkpoint: z.number() }).optional(),
  failures: z.array(ZListedFailure).optional(),
});

export type TListedFailure = z.infer<typeof ZListedFailure>;

/**
 * A failure as the page shows it. `counts` and `total` are null for runs recorded before every
 * failure was reported: only their first failure is known.
 */
export type TVerificationFailure = TListedFailure & {
  total: number | null;
  counts: Record<TFailureKind, number> | null;
  failures: TListedFailure[];
};

export type TVerificationState = "running" | "passed" | "failed" | "error" | "abandoned";

export type TVerificationRow = {
  id: string;
  trigger: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** 0 for a full run; an incremental run trusts the tree up to here and checks what follows. */
  fromSize: number;
  /** The ledger's size checked up to: so far while running, in all when finished. */
  toSize: number | null;
  ok: boolean | null;
  failure: TVerificationFailure | null;
  state: TVerificationState;
};

/** What GET /api/v1/ledger/verifications/[verificationId] answers. */
export type TVerificationJson = Omit<TVerificationRow, "startedAt" | "finishedAt"> & {
  startedAt: string;
  finishedAt: string | null;
  total: number;
};

type TVerificationRecord = {
  id: bigint;
  trigger: string;
  startedAt: Date;
  finishedAt: Date | null;
  fromSize: bigint;
  toSize: bigint | null;
  ok: boolean | null;
  failure: unknown;
};

export function toVerificationRow(row: TVerificationRecord, now: Date): TVerificationRow {
  return {
    id: row.id.toString(),
    trigger: row.trigger,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    fromSize: Number(row.fromSize),
    toSize: row.toSize === null ? null : Number(row.toSize),
    ok: row.ok,
    failure: parseFailure(row.failure),
    state: verificationState(row, now),
  };
}

export function verificationState(row: Pick<TVerificationRecord, "startedAt" | "finishedAt" | "ok">, now: Date): TVerificationState {
  if (!row.finishedAt) return now.getTime() - row.startedAt.getTime() > abandonedAfterMs ? "abandoned" : "running";
  if (row.ok === null) return "error";
  return row.ok ? "passed" : "failed";
}

/** "schedule" or "schedule:<mode>" → the background job; "manual:<name>" → a person's "Verify now". */
export function describeTrigger(trigger: string): { kind: "schedule" | "manual" | "other"; label: string } {
  if (trigger === "schedule") return { kind: "schedule", label: "Scheduled" };
  if (trigger.startsWith("schedule:")) return { kind: "schedule", label: `Scheduled · ${trigger.slice("schedule:".length)}` };
  if (trigger.startsWith(manualTriggerPrefix)) return { kind: "manual", label: `Manual · ${trigger.slice(manualTriggerPrefix.length)}` };
  return { kind: "other", label: trigger };
}

function parseFailure(value: unknown): TVerificationFailure | null {
  if (value === null || value === undefined) return null;
  const parsed = ZVerificationFailure.safeParse(value);
  // A failure of an unexpected shape is still shown, never dropped.
  if (!parsed.success) return { kind: "unknown", message: JSON.stringify(value), total: null, counts: null, failures: [] };
  const { total, counts, failures, ...first } = parsed.data;
  if (counts && failures) return { ...first, total: total ?? failures.length, counts, failures };
  const only = fromFirstFailureOnly(first);
  return { ...only, total: null, counts: null, failures: only.kind === "error" || only.kind === "unknown" ? [] : [only] };
}

/** Rows from before failures had kinds: their kind was what is now the problem. */
function fromFirstFailureOnly(failure: TListedFailure): TListedFailure {
  if ((failureKinds as readonly string[]).includes(failure.kind) || failure.kind === "error" || failure.kind === "unknown") return failure;
  const problem = failure.kind;
  const column = /column (\w+) differs/.exec(failure.message)?.[1];
  const kind: TFailureKind =
    problem === "bad-signature" ||
    problem === "checkpoint-altered" ||
    (problem === "truncated" && failure.checkpointId) ||
    (problem === "changed" && failure.checkpointId)
      ? "checkpoint"
      : problem === "changed" && column
        ? "column"
        : problem === "changed"
          ? "bytes"
          : "tree";
  return { ...failure, kind, problem, ...(column && kind === "column" ? { column } : {}) };
}

/** The channel a "Verify now" request is announced on; the launcher's ledger jobs listen. */
export const verificationRequestChannel = "custody_verification_request";

/** A request no ledger job took up within this long is void: the person was told none started. */
export const verificationRequestExpiresMs = 15_000;
