import "server-only";
import { parseCheckpoint } from "@/lib/ledger/checkpoint";
import { NoteError, openNote, parseVerifierKey } from "@/lib/ledger/signed-note";

export type TSignatureCheck = { status: "valid" | "invalid" | "unchecked"; message: string };

const noteProblems: Record<NoteError["code"], string> = {
  "invalid-signature": "The signature does not verify with the ledger's public key: the note was changed after it was signed.",
  unverified: "The note carries no signature by the ledger's public key: it was signed by another key, or its signature line was replaced.",
  malformed: "The stored note is not a well-formed signed note.",
  "invalid-key": "The ledger's public key could not be used.",
  "ambiguous-key": "The ledger's public key is ambiguous.",
};

/**
 * Opens a stored checkpoint note with the ledger's public key (the web server never holds the
 * private one) and checks that the stored size and root are the ones that were signed.
 */
export function checkCheckpointSignature({
  note,
  size,
  rootHash,
  publicKey,
}: {
  note: string;
  size: bigint;
  rootHash: Uint8Array;
  publicKey: string | undefined;
}): TSignatureCheck {
  if (!publicKey)
    return {
      status: "unchecked",
      message: "This server has no ledger public key (CUSTODY_LEDGER_PUBLIC_KEY), so the signature cannot be checked here.",
    };
  let verifier;
  try {
    verifier = parseVerifierKey(publicKey.trim());
  } catch (error) {
    return {
      status: "unchecked",
      message: `CUSTODY_LEDGER_PUBLIC_KEY is not a signed-note verifier key (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
  let text: string;
  try {
    text = openNote(note, [verifier]).text;
  } catch (error) {
    if (error instanceof NoteError) return { status: "invalid", message: `${noteProblems[error.code]} (${error.message})` };
    throw error;
  }
  let signed;
  try {
    signed = parseCheckpoint(text);
  } catch (error) {
    return {
      status: "invalid",
      message: `The signed text is not a checkpoint (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
  if (String(signed.size) !== size.toString() || !signed.rootHash.equals(Buffer.from(rootHash))) {
    return {
      status: "invalid",
      message: `The signature is good, but the stored tree size or root hash differs from the signed note (size ${signed.size}, root ${signed.rootHash.toString("hex")}): the row was altered.`,
    };
  }
  return { status: "valid", message: `Signed by ${verifier.name} (key ID ${verifier.keyId.toString(16).padStart(8, "0")}).` };
}
