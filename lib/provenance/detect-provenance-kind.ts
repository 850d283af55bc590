import "server-only";
import { decodeBase64Strict } from "@/lib/ledger/base64";
import { MODEL_SIGNING_PREDICATE } from "./manifest-root-digest";
import type { TProvenanceKind } from "./verification-result";

/**
 * Whether a file is a model signature (its statement's predicate is model signing's) or an
 * attestation, for the CLI, which takes either. Unreadable files count as signatures: their
 * verification then says what is wrong with them.
 */
export function detectProvenanceKind(text: string): TProvenanceKind {
  try {
    const document = JSON.parse(text) as { dsseEnvelope?: { payload?: unknown }; payload?: unknown };
    const payload = document.dsseEnvelope?.payload ?? document.payload;
    const bytes = typeof payload === "string" ? decodeBase64Strict(payload) : undefined;
    if (!bytes) return "signature";
    const statement = JSON.parse(bytes.toString("utf8")) as { predicateType?: unknown };
    return statement.predicateType === MODEL_SIGNING_PREDICATE ? "signature" : "attestation";
  } catch {
    return "signature";
  }
}
