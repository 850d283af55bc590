// A page's searchParams give a string, an array (a key repeated) or nothing per key; a filter takes
// the first value, so `?status=open&status=closed` means open, as URLSearchParams.get would.

export type TSearchParams = Record<string, string | string[] | undefined>;

export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Every key's first value. */
export function firstValues(params: TSearchParams | URLSearchParams): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  if (params instanceof URLSearchParams) {
    for (const [key, value] of params) if (!(key in values)) values[key] = value;
    return values;
  }
  for (const [key, value] of Object.entries(params)) values[key] = firstValue(value);
  return values;
}

/** The first value of each of `keys` (a page's searchParams or a URL's): what a filter schema parses. */
export function pickFirstValues<K extends string>(
  params: TSearchParams | URLSearchParams,
  keys: readonly K[],
): Record<K, string | undefined> {
  const values = firstValues(params);
  return Object.fromEntries(keys.map((key) => [key, values[key]])) as Record<K, string | undefined>;
}
