import type { TFinishedExport } from "./open-export-spool";

/**
 * An export is handed over only once its ledger entry is written: `record` writes it, and if that
 * fails the spooled file is dropped (its slot freed) and the error goes on.
 */
export async function recordExport<TRecorded>(file: TFinishedExport, record: () => Promise<TRecorded>): Promise<TRecorded> {
  try {
    return await record();
  } catch (error) {
    await file.body.cancel();
    throw error;
  }
}
