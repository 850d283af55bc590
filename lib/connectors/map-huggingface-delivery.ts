import { z } from "zod";
import { UnmappablePayload, type TMappedDelivery, type TRegistryChange } from "./registry-change";

// Hugging Face Hub webhooks (huggingface/hub-docs docs/hub/webhooks.md): repo.content updates
// carry `updatedRefs` (old and new commit sha per ref). Each new commit on a ref becomes a
// version of the artifact, taking the ref's name as its alias (main, refs/pr/5 → pr/5).

const sha = z.string().regex(/^[0-9a-f]{40}$/i, "a git commit sha (40 hex characters)");

const ZHubPayload = z.object({
  event: z.object({ action: z.string().max(50), scope: z.string().max(100) }),
  repo: z.object({
    type: z.enum(["model", "dataset", "space"]),
    name: z.string().min(1).max(300),
    id: z.string().max(100).optional(),
    headSha: sha.nullish(),
    url: z
      .object({ web: z.string().max(2000).optional() })
      .partial()
      .optional(),
    owner: z
      .object({ id: z.string().max(100) })
      .partial()
      .optional(),
  }),
  webhook: z
    .object({ id: z.string().max(100), version: z.number().int().optional() })
    .partial()
    .optional(),
  updatedRefs: z
    .array(z.object({ ref: z.string().min(1).max(300), oldSha: sha.nullable(), newSha: sha.nullable() }))
    .max(100)
    .optional(),
});

const aliasOf = (ref: string) => ref.replace(/^refs\/heads\//, "").replace(/^refs\//, "");

export function mapHuggingfaceDelivery(payload: unknown, sourceId: string, receivedAt: Date): TMappedDelivery {
  const parsed = ZHubPayload.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UnmappablePayload(`not a Hugging Face webhook payload: ${issue.path.join(".") || "(body)"}: ${issue.message}`);
  }
  const { event, repo, updatedRefs } = parsed.data;
  const eventType = `${event.scope}.${event.action}`;
  if (event.scope !== "repo.content" || event.action !== "update")
    throw new UnmappablePayload(`Hugging Face event ${eventType.slice(0, 100)} is not one Custody maps (repo.content.update)`);
  // The Hub's payload has no time of its own: the receipt time stands in.
  const occurredAt = receivedAt.toISOString();
  const refs =
    updatedRefs && updatedRefs.length > 0
      ? updatedRefs
      : repo.headSha
        ? [{ ref: "refs/heads/main", oldSha: null, newSha: repo.headSha }]
        : [];
  if (refs.length === 0) throw new UnmappablePayload("the payload names no updated ref and no headSha");
  const changes = refs.map((ref): TRegistryChange => {
    const alias = aliasOf(ref.ref);
    const common = {
      subject: repo.name,
      action: "repo.update",
      occurredAt,
      details: { repoType: repo.type, ref: ref.ref, oldSha: ref.oldSha, newSha: ref.newSha },
    };
    if (ref.newSha === null) return { ...common, catalogue: { kind: "drop-alias", alias } };
    const uri = `hf://${repo.type === "model" ? "" : `${repo.type}s/`}${repo.name}@${ref.newSha.toLowerCase()}`;
    return {
      ...common,
      uri,
      catalogue: { kind: "version", version: "next", registryUri: uri, format: `huggingface-${repo.type}`, takesAliases: [alias] },
    };
  });
  return { eventType, sourceId, changes };
}
