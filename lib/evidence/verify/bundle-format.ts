// What an evidence bundle holds, shared by the writer (lib/evidence/bundle) and the verifier.
// entries.ndjson carries each cited entry as {"seq":"<n>","canonical":"<base64>"} per line: base64
// of the exact bytes hashed, whatever they contain, so the verifier needs no assumption about how
// an entry was canonicalised years ago and a line break inside an entry cannot split a line.

export const bundleFiles = {
  pdf: "report.pdf",
  report: "report.json",
  entries: "entries.ndjson",
  proofs: "proofs.json",
  checkpoint: "checkpoint.txt",
  ledgerKey: "ledger-key.txt",
  evidenceKey: "evidence-key.pem",
  manifest: "manifest.json",
  oscal: "oscal/assessment-results.json",
  readme: "VERIFY.txt",
} as const;

export const tablePath = (name: string) => `tables/${name}.csv`;

export const statementType = "https://in-toto.io/Statement/v1";
export const bundlePredicateType = "https://custody.dev/evidence-bundle/v1";

export type TBundleEntryLine = { seq: string; canonical: string };

export type TBundleProofs = {
  formatVersion: 1;
  /** The tree every inclusion proof is against: the one checkpoint.txt signs. */
  checkpoint: { size: string; rootHash: string };
  /** One per line of entries.ndjson, in the same order; hashes in lowercase hex. */
  inclusion: { seq: string; leafHash: string; proof: string[] }[];
  /** From checkpoint.txt's tree to the latest signed checkpoint when the bundle was made. */
  consistency: { fromSize: string; toSize: string; toRootHash: string; proof: string[]; toCheckpoint: string };
};

export type TBundleSubject = { name: string; digest: { sha256: string } };

export type TBundleStatement = {
  _type: typeof statementType;
  subject: TBundleSubject[];
  predicateType: typeof bundlePredicateType;
  predicate: {
    bundleId: string;
    kind: string;
    title: string;
    effective: { checkpointSize: string; rootHash: string; checkpointCreatedAt: string };
    generatedAt: string;
    generatedBy: { id: string; name: string };
  };
};
