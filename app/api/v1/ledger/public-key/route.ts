import { publicAccess, route } from "@/lib/http/route";
import { getLedgerPublicKey } from "@/lib/ledger/get-ledger-public-key";

export const dynamic = "force-dynamic";

/** The ledger's Ed25519 verifier key (signed-note vkey). Public by design: anyone may verify. */
export const GET = route({ auth: publicAccess, headers: {} }, async () => getLedgerPublicKey());
