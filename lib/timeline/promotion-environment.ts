// Registries speak of stages and aliases, not environments: MLflow's "Production" stage or
// "@champion" alias is what a team means by prod. This maps them onto Custody's environment
// names, so "what was in prod at T" can be answered from registry events too. Pure.

const byStage: Record<string, string> = {
  production: "prod",
  prod: "prod",
  staging: "staging",
  stage: "staging",
  development: "dev",
  dev: "dev",
};

const byAlias: Record<string, string> = {
  champion: "prod",
  production: "prod",
  prod: "prod",
  live: "prod",
  challenger: "staging",
  candidate: "staging",
  staging: "staging",
  dev: "dev",
};

/** The environment a stage transition or alias change puts a version into, or null (archived, none, unknown). */
export function environmentOfPromotion({
  environment,
  stage,
  alias,
}: {
  environment?: string | null;
  stage?: string | null;
  alias?: string | null;
}): string | null {
  if (environment) return environment;
  if (stage) return byStage[stage.trim().toLowerCase()] ?? null;
  if (alias) return byAlias[alias.trim().toLowerCase().replace(/^@/, "")] ?? null;
  return null;
}

/** Every lower-case stage or alias (and the name itself) that means `environment`, for matching in SQL. */
export function promotionLabelsFor(environment: string): string[] {
  const name = environment.toLowerCase();
  const stages = Object.entries(byStage)
    .filter(([, target]) => target === environment)
    .map(([stage]) => stage);
  const aliases = Object.entries(byAlias)
    .filter(([, target]) => target === environment)
    .flatMap(([alias]) => [alias, `@${alias}`]);
  return [...new Set([name, ...stages, ...aliases])];
}
