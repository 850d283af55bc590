// Times as the investigation pages show them: UTC, as responders compare them with logs.

export function formatUtc(iso: string | Date | null | undefined, withSeconds = false): string {
  if (!iso) return "—";
  const text = (iso instanceof Date ? iso : new Date(iso)).toISOString();
  return `${text.slice(0, withSeconds ? 19 : 16).replace("T", " ")} UTC`;
}

/** `<input type="datetime-local">` value for a UTC instant (the inputs are labelled UTC). */
export function toUtcInput(iso: string | Date | null | undefined): string {
  if (!iso) return "";
  return (iso instanceof Date ? iso : new Date(iso)).toISOString().slice(0, 16);
}

/** The instant a UTC datetime-local value names, as ISO; undefined when empty; the raw text when unreadable (the server says why). */
export function fromUtcInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export function shortHash(hex: string | null | undefined, length = 12): string {
  return hex ? `${hex.slice(0, length)}…` : "—";
}
