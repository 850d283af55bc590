// What a registry delivery says happened, before Custody's mapping rules name the artifact: the
// common shape every source's mapper produces (map-*.ts) and receive-delivery turns into events.

export type TCatalogueChange =
  /** The registered model exists (MLflow registered_model.created). */
  | { kind: "artifact" }
  /** A version exists: by its registry number, or (no numbers: Hub, Artifactory) the next one unless `registryUri` or `digest` is known. */
  | {
      kind: "version";
      version: number | "next";
      digest?: string;
      registryUri: string;
      format: string;
      sizeBytes?: bigint;
      /** Aliases this version takes (moved from any other version of the artifact). */
      takesAliases?: string[];
    }
  | { kind: "alias"; version: number; alias: string; present: boolean }
  | { kind: "tag"; version: number; key: string; value: string }
  /** A ref (branch, PR) no longer points anywhere. */
  | { kind: "drop-alias"; alias: string }
  | { kind: "move"; digest: string; registryUri: string };

export type TRegistryChange = {
  /** The name or path the mapping rules are matched against. */
  subject: string;
  /** Ledger action, dotted lower case (lib/timeline/lanes.ts places it in a lane). */
  action: string;
  occurredAt: string;
  actor?: { id: string; type: "user" | "service"; display?: string };
  /** The registry's version label, as it calls it. */
  version?: string;
  digest?: string;
  uri?: string;
  /** Mapped fields kept in the event's details (promotion events carry `alias` or `stage` there). */
  details: Record<string, unknown>;
  catalogue: TCatalogueChange | null;
};

export type TMappedDelivery = {
  /** The sender's event name, e.g. model_version.created. */
  eventType: string;
  /** The source's own id for this delivery, from which event ids derive. */
  sourceId: string;
  changes: TRegistryChange[];
};

/** A payload Custody cannot map: the reason goes into the refusal and the delivery log. */
export class UnmappablePayload extends Error {}
