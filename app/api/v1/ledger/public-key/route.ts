import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";

export const dynamic = "force-dynamic";

/** The ledger's Ed25519 verifier key (signed-note vkey). Public by design: anyone may verify. */
export async function GET() {
  const publicKey = process.env.CUSTODY_LEDGER_PUBLIC_KEY;
  if (!publicKey) return problemResponse(new AppError("NOT_FOUND", "No ledger key is configured on this server."), "/api/v1/ledger/public-key");
  return Response.json({
    publicKey,
    format: "C2SP signed-note verifier key: <name>+<key id>+base64(0x01 || Ed25519 public key)",
    checkpointFormat: "C2SP tlog-checkpoint (origin, tree size, base64 RFC 6962 root hash), signed as a C2SP signed note",
  });
}
