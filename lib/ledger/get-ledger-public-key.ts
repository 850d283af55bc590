import "server-only";
import { ledgerPublicKey } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

/** The verifier key the launcher gave this server (only the public half ever reaches it). */
export function getLedgerPublicKey(publicKey = ledgerPublicKey()): { publicKey: string; format: string; checkpointFormat: string } {
  if (!publicKey) throw new AppError("NOT_FOUND", "No ledger key is configured on this server.");
  return {
    publicKey,
    format: "C2SP signed-note verifier key: <name>+<key id>+base64(0x01 || Ed25519 public key)",
    checkpointFormat: "C2SP tlog-checkpoint (origin, tree size, base64 RFC 6962 root hash), signed as a C2SP signed note",
  };
}
