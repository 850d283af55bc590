import { createHash, randomUUID } from "node:crypto";
import type { TEvent } from "@/lib/ingest/event-schema";

// What the fixtures that tell a model's story in ledger events (the timeline's, the
// investigation's) write them with: times relative to the test's clock, fresh event ids.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A digest the story can name again later: SHA-256 of a label ("tl-fixture-model:1"). */
export const digestOf = (text: string) => createHash("sha256").update(text).digest("hex");

/** The systems the story's events come from: the registry, object storage's audit trail, the deployer. */
export const storySources = {
  mlflow: { system: "mlflow", component: "model-registry" },
  s3: { system: "aws-s3", component: "cloudtrail" },
  argo: { system: "argo", component: "argo-cd" },
} as const;

/** Who acts in the story besides its owner: the partner's API token (acting for a person) and the deploy pipeline. */
export const storyActors = {
  token: {
    id: "sa_vector-labs-sync",
    type: "token",
    display: "Vector Labs integration · API token cust_V3cLb9q…",
    onBehalfOf: "usr_taylor",
  },
  pipeline: { id: "sa_language-deployer", type: "service", display: "Language deploy pipeline" },
} as const satisfies Record<string, TEvent["actor"]>;

type TStoryEventParts = Omit<TEvent, "schemaVersion" | "eventId" | "occurredAt" | "outcome"> & { outcome?: TEvent["outcome"] };

/** The story's events, each `offsetMs` from the clock `at` reads: a success unless the parts say otherwise. */
export function storyEvents(at: (offsetMs: number) => Date): (offsetMs: number, parts: TStoryEventParts) => TEvent {
  return (offsetMs, parts) => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: at(offsetMs).toISOString(),
    outcome: { status: "success" },
    ...parts,
  });
}
