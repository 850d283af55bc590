import type { TEvidenceReport } from "@/lib/evidence/evidence-report";

/** VERIFY.txt: how to check this bundle years from now, with or without Custody. */
export function verifyInstructions({ report, evidenceKeyId }: { report: TEvidenceReport; evidenceKeyId: string }): string {
  return `${report.title}
Custody evidence bundle (${report.kind}), effective at ledger checkpoint ${report.effective.checkpointSize}
(signed ${report.effective.checkpointCreatedAt}); generated ${report.generatedAt} by ${report.generatedBy.name}.

To verify it:   custody verify-bundle <this zip> --key <the organisation's evidence public key>
or drop the zip on the "Verify evidence" page of Custody (it is checked in the browser, not uploaded).

manifest.json is a DSSE envelope (payloadType application/vnd.in-toto+json) signed with Ed25519 by
the evidence key ${evidenceKeyId} over an in-toto Statement v1 whose subjects are every other file
with its SHA-256. Trust the bundle only if that key is the one your organisation publishes (GET
/api/v1/evidence/public-key); evidence-key.pem inside the bundle is a copy, not a proof.
entries.ndjson holds each cited ledger entry as {"seq":"<n>","canonical":"<base64 of the exact bytes
hashed>"}; its RFC 6962 leaf hash is SHA-256(0x00 || bytes). proofs.json holds an inclusion proof
of each entry in the tree that checkpoint.txt (a C2SP signed note, key in ledger-key.txt) signs, and
a consistency proof from that tree to the latest checkpoint when the bundle was made.
Each figure in report.json names what it counts: the cited entries (countOf: actions, outcomes), or
the rows of one of its tables whose cells equal the given ones (rowsOf: table, where).
See Custody's README, "Evidence bundles", for the same checks with unzip, sha256sum and python3.
`;
}
