import { route, sessionOrToken } from "@/lib/http/route";
import { ZArtifactVersionParams } from "@/lib/input/route-params";
import { attachProvenance, MAX_PROVENANCE_DOCUMENT_BYTES, ZAttachProvenance } from "@/lib/provenance/attach-provenance";
import { listVersionProvenance, ZProvenanceListQuery } from "@/lib/provenance/list-version-provenance";

export const dynamic = "force-dynamic";

const notFound = "There is no such artifact version.";

/**
 * GET — the version's SLSA provenance / in-toto attestations, verdicts and lineage. POST
 * { document, publicKey? } — attach a DSSE envelope or a Sigstore bundle: verified at once
 * against the project's signer policy and recorded (201 either way; `verdict` says which).
 */
export const GET = route(
  { auth: sessionOrToken("provenance:read", "artifacts.view"), params: ZArtifactVersionParams, notFound, query: ZProvenanceListQuery },
  ({ caller, params, query }) =>
    listVersionProvenance({
      actor: caller,
      artifactId: params.artifactId,
      version: params.version,
      kind: "attestation",
      includeDocuments: query.documents === "1",
    }),
);

export const POST = route(
  {
    auth: sessionOrToken("provenance:write", "provenance.attach"),
    params: ZArtifactVersionParams,
    notFound,
    body: { json: ZAttachProvenance, maxBytes: MAX_PROVENANCE_DOCUMENT_BYTES + 64 * 1024 },
  },
  async ({ caller, params, body }) =>
    Response.json(
      await attachProvenance({ actor: caller, artifactId: params.artifactId, version: params.version, kind: "attestation", input: body }),
      {
        status: 201,
      },
    ),
);
