// The parts of an export's file name.

/** A moment as a file name carries it: 20261203T162800Z (UTC, to the second). */
export const fileStamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

/** A name as a file name carries it: lower-case letters and digits in dash-joined words, at most `max` characters. */
export const fileSlug = (name: string, max: number) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, max);
