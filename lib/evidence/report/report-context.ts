import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors/app-error";
import type { TEvidenceFigure, TEvidenceReport } from "../evidence-report";

/** The signed checkpoint a report stands on: it cites only entries with seq < size. */
export type TReportAsOf = {
  size: bigint | string | number;
  /** As the checkpoint carries it (base64 in the signed note), or its bytes (written as base64). */
  rootHash: string | Uint8Array;
  createdAt: Date | string;
};

export type TReportRequest<TScope> = { principal: TPrincipal; scope: TScope; asOf: TReportAsOf; now?: Date };

/** A cited ledger entry: its seq and action, which is all a figure's rule reads. */
export type TCitedEntry = { seq: bigint; action: string; outcome: string };

export function checkpointOf(asOf: TReportAsOf): { size: bigint; effective: TEvidenceReport["effective"] } {
  let size: bigint;
  try {
    size = BigInt(asOf.size);
  } catch {
    throw new AppError("INVALID_INPUT", `The checkpoint size "${String(asOf.size)}" is not a whole number.`);
  }
  if (size < 1n) throw new AppError("INVALID_INPUT", "A report stands on a signed checkpoint of at least one entry.");
  const createdAt = new Date(asOf.createdAt);
  if (Number.isNaN(createdAt.getTime())) throw new AppError("INVALID_INPUT", "The checkpoint's time is not a valid instant.");
  const rootHash = typeof asOf.rootHash === "string" ? asOf.rootHash : Buffer.from(asOf.rootHash).toString("base64");
  return { size, effective: { checkpointSize: size.toString(), rootHash, checkpointCreatedAt: createdAt.toISOString() } };
}

/**
 * The report's cited entries, gathered while its tables are built: every seq below the
 * checkpoint, once. Figures are counted from exactly this set, so a verifier that recounts the
 * cited entries by each figure's rule finds the same numbers.
 */
export class CitedEntries {
  private readonly entries = new Map<bigint, TCitedEntry>();

  constructor(private readonly size: bigint) {}

  add(entry: TCitedEntry): void {
    if (entry.seq >= this.size) throw new Error(`entry ${entry.seq} is not below the checkpoint (size ${this.size})`);
    this.entries.set(entry.seq, entry);
  }

  has(seq: bigint): boolean {
    return this.entries.has(seq);
  }

  get count(): number {
    return this.entries.size;
  }

  /** The cited entries' distinct actions, sorted. */
  actions(filter: (action: string) => boolean = () => true): string[] {
    return [...new Set([...this.entries.values()].map((entry) => entry.action))].filter(filter).sort();
  }

  figure(key: string, label: string, actions: string[], outcomes?: string[]): TEvidenceFigure {
    const value = [...this.entries.values()].filter(
      (entry) => actions.includes(entry.action) && (!outcomes || outcomes.includes(entry.outcome)),
    ).length;
    return { key, label, value, countOf: outcomes ? { actions, outcomes } : { actions } };
  }

  seqs(): string[] {
    return [...this.entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((seq) => seq.toString());
  }
}

export const iso = (date: Date | null | undefined): string | null => date?.toISOString() ?? null;
export const day = (date: Date | null | undefined): string => (date ? date.toISOString().slice(0, 10) : "no end");

/** "3 items", "1 item". */
export function count(value: number, one: string, many = `${one}s`): string {
  return `${value.toLocaleString("en-GB")} ${value === 1 ? one : many}`;
}
