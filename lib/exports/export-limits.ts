// The bounds every export (ledger search, investigation, access-review campaign) works within,
// in one place. Exports are written to a temporary file, never built in memory.

/** The most bytes one export file may hold. */
export const exportByteLimit = 256 * 1024 * 1024;

/** Exports one person may have in flight (being written or being downloaded) in this process. */
export const exportsPerPerson = 2;

/** Rows read from the database per query while an export is written (ledger entries are at most 64 KiB each). */
export const exportPageRows = 100;

/** A handed-over export that nobody reads for this long is dropped, so an abandoned download frees its slot. */
export const exportIdleMs = 5 * 60_000;

/** A size as people read it: 256 MiB, 488 KiB. */
export const byteSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
