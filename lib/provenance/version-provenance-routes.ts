import "server-only";
import type { z } from "zod";
import type { TCaller } from "@/lib/auth/caller";
import { ZArtifactVersionParams } from "@/lib/input/route-params";
import { attachProvenance, MAX_PROVENANCE_DOCUMENT_BYTES, ZAttachProvenance } from "./attach-provenance";
import { listVersionProvenance, ZProvenanceListQuery } from "./list-version-provenance";
import type { TProvenanceKind } from "./verification-result";

// What a version's signatures route and its attestations route share, the kind of document
// apart: each keeps its own route() call and capabilities, and takes the rest from here.

type TVersionParams = z.output<typeof ZArtifactVersionParams>;

/**
 * The two routes of a version's documents of `kind`. GET (`list`): the documents with their
 * verdicts, `?documents=1` adding the documents themselves. POST (`attach`): `{ document,
 * publicKey? }` verified and recorded, 201 whatever the verdict (the answer says it).
 */
export function versionProvenanceRoutes(kind: TProvenanceKind) {
  const version = { params: ZArtifactVersionParams, notFound: "There is no such artifact version." } as const;
  return {
    list: {
      spec: { ...version, query: ZProvenanceListQuery },
      handle: ({ caller, params, query }: { caller: TCaller; params: TVersionParams; query: z.output<typeof ZProvenanceListQuery> }) =>
        listVersionProvenance({
          actor: caller,
          artifactId: params.artifactId,
          version: params.version,
          kind,
          includeDocuments: query.documents === "1",
        }),
    },
    attach: {
      // The document up to its limit, plus room for the JSON around it.
      spec: { ...version, body: { json: ZAttachProvenance, maxBytes: MAX_PROVENANCE_DOCUMENT_BYTES + 64 * 1024 } },
      handle: async ({ caller, params, body }: { caller: TCaller; params: TVersionParams; body: unknown }) =>
        Response.json(
          await attachProvenance({ actor: caller, artifactId: params.artifactId, version: params.version, kind, input: body }),
          {
            status: 201,
          },
        ),
    },
  } as const;
}
