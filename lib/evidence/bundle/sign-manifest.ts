import { toBase64, utf8 } from "@/lib/evidence/verify/bytes";
import { bundlePredicateType, statementType, type TBundleStatement } from "@/lib/evidence/verify/bundle-format";
import { inTotoPayloadType, preAuthEncoding, type TDsseEnvelope } from "@/lib/evidence/verify/dsse";
import type { TEvidenceSigner } from "./evidence-key";

/** manifest.json: a DSSE envelope (in-toto payload type) over the Statement whose subjects are the files. */
export function signManifest(
  subjects: TBundleStatement["subject"],
  predicate: TBundleStatement["predicate"],
  signer: TEvidenceSigner,
): { envelope: TDsseEnvelope; statement: TBundleStatement } {
  const statement: TBundleStatement = { _type: statementType, subject: subjects, predicateType: bundlePredicateType, predicate };
  const payload = utf8(JSON.stringify(statement));
  const signature = signer.sign(preAuthEncoding(inTotoPayloadType, payload));
  return {
    statement,
    envelope: {
      payloadType: inTotoPayloadType,
      payload: toBase64(payload),
      signatures: [{ keyid: signer.keyId, sig: toBase64(signature) }],
    },
  };
}
