// Which mapping rule takes a registry's model name or path. Pure: the rules editor previews it.

export type TMappingRule = { pattern: string; projectId: string; artifactName: string | null };

/** A pattern is exact, or a prefix followed by `*`; case matters (registries' names are case-sensitive). */
export function patternMatches(pattern: string, subject: string): boolean {
  if (pattern.endsWith("*")) return subject.startsWith(pattern.slice(0, -1));
  return subject === pattern;
}

/** The first rule (in order) whose pattern matches `subject`, or null: an unmappable model. */
export function matchMappingRule<R extends TMappingRule>(rules: readonly R[], subject: string): R | null {
  return rules.find((rule) => patternMatches(rule.pattern, subject)) ?? null;
}
