import { route, sessionOrToken } from "@/lib/http/route";
import { versionProvenanceRoutes } from "@/lib/provenance/version-provenance-routes";

export const dynamic = "force-dynamic";

const attestations = versionProvenanceRoutes("attestation");

/**
 * GET — the version's SLSA provenance / in-toto attestations, verdicts and lineage. POST
 * { document, publicKey? } — attach a DSSE envelope or a Sigstore bundle: verified at once
 * against the project's signer policy and recorded (201 either way; `verdict` says which).
 */
export const GET = route(
  { auth: sessionOrToken("provenance:read", "artifacts.view"), ...attestations.list.spec },
  attestations.list.handle,
);

export const POST = route(
  { auth: sessionOrToken("provenance:write", "provenance.attach"), ...attestations.attach.spec },
  attestations.attach.handle,
);
