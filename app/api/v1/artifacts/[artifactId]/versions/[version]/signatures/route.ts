import { route, sessionOrToken } from "@/lib/http/route";
import { versionProvenanceRoutes } from "@/lib/provenance/version-provenance-routes";

export const dynamic = "force-dynamic";

const signatures = versionProvenanceRoutes("signature");

/**
 * GET — the version's model signatures and their verdicts (token scope provenance:read, or a session
 * that sees the artifact; ?documents=1 includes the documents). POST { document, publicKey? } —
 * attach an OpenSSF model-signing bundle (model.sig): verified at once, the verdict recorded and
 * answered (201 either way; `verdict` and `reasonCode` say which). Token provenance:write, or a
 * session with provenance.attach.
 */
export const GET = route({ auth: sessionOrToken("provenance:read", "artifacts.view"), ...signatures.list.spec }, signatures.list.handle);

export const POST = route(
  { auth: sessionOrToken("provenance:write", "provenance.attach"), ...signatures.attach.spec },
  signatures.attach.handle,
);
