import type { z } from "zod";

export type TIgnoredFilter = { field: string; message: string };

/**
 * A page's filters from its URL, leniently: a bad value is dropped and reported, one at a time,
 * so the page still shows something and says what it ignored. (Route handlers parse the same
 * schema strictly instead: a 400 naming the field.) An issue with no field (a cross-field rule)
 * drops `to`, the usual culprit of "from must be before to".
 */
export function parsePageFilters<TFilters>(
  schema: z.ZodType<TFilters>,
  values: Record<string, string | undefined>,
): { filters: TFilters; ignored: TIgnoredFilter[] } {
  const raw = { ...values };
  const ignored: TIgnoredFilter[] = [];
  for (;;) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { filters: parsed.data, ignored };
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "to");
    ignored.push({ field, message: issue.message });
    delete raw[field];
  }
}
