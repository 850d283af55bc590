import { getEvidencePublicKey } from "@/lib/evidence/generate/get-evidence-public-key";
import { publicAccess, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The evidence key's public half (Ed25519, PEM) and its DSSE keyid. Public by design: auditors pin it to trust bundles. */
export const GET = route({ auth: publicAccess, headers: {} }, async () => getEvidencePublicKey());
