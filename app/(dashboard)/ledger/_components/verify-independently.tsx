import { Card, CardHeader } from "@/components/ui/card";
import type { TPublicKey } from "@/lib/ledger-integrity/get-integrity-overview";
import { CopyButton } from "./copy-button";

const goSnippet = `verifier, err := note.NewVerifier(vkey)         // golang.org/x/mod/sumdb/note
n, err := note.Open(checkpoint, note.VerifierList(verifier))
// n.Text = "<origin>\\n<tree size>\\n<base64 root hash>\\n"`;

/** The public key, and how anyone can check the ledger without trusting this server. */
export function VerifyIndependently({ publicKey }: { publicKey: TPublicKey | null }) {
  return (
    <Card className="mt-5">
      <CardHeader
        title="Public key and independent verification"
        description="Checkpoints are signed outside the web server; this key is all anyone needs to check them. It is also published at /api/v1/ledger/public-key (no sign-in)."
      />
      <div className="space-y-4 px-4 py-3 text-sm text-slate-700">
        {publicKey ? (
          <div>
            <div className="mb-1 flex items-center justify-between gap-2">
              <span className="text-xs font-medium text-slate-500">
                Verifier key (C2SP signed-note)
                {publicKey.name ? ` · name ${publicKey.name} · key ID ${publicKey.keyId}` : " · does not parse as a verifier key"}
              </span>
              <CopyButton text={publicKey.verifierKey} label="Copy the public key" />
            </div>
            <pre
              aria-label="Ledger public key"
              className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-900"
            >
              {publicKey.verifierKey}
            </pre>
          </div>
        ) : (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
            This server has no ledger public key (CUSTODY_LEDGER_PUBLIC_KEY). Start Custody with{" "}
            <code className="font-mono">custody start</code>, which passes it to the web server.
          </p>
        )}
        <ol className="list-decimal space-y-2 pl-5 marker:text-slate-400">
          <li>
            Fetch the latest checkpoint with a service-account token holding <code className="font-mono text-xs">ledger:read</code>:{" "}
            <code className="font-mono text-xs">GET /api/v1/ledger/checkpoint</code> (
            <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>). It answers the signed note as text. Keep a copy
            outside Custody.
          </li>
          <li>
            Verify its Ed25519 signature with the key above. It is a C2SP signed note; in Go:
            <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{goSnippet}</pre>
          </li>
          <li>
            Fetch an inclusion proof for entry <em>N</em> in the checkpoint&apos;s tree of size <em>S</em>:{" "}
            <code className="font-mono text-xs">GET /api/v1/ledger/proof/inclusion?seq=N&amp;size=S</code>. It returns the entry&apos;s{" "}
            <code className="font-mono text-xs">canonical</code> bytes (RFC 8785 JSON) and the{" "}
            <code className="font-mono text-xs">proof</code> hashes (hex).
          </li>
          <li>
            Compute the leaf hash yourself, SHA-256(0x00 ‖ canonical bytes), and fold the proof as in RFC 9162 §2.1.3.2 (inner node =
            SHA-256(0x01 ‖ left ‖ right)). The result must equal the root hash in the <em>signed</em> checkpoint (its third line, base64),
            not merely the <code className="font-mono text-xs">rootHash</code> in the same response.
          </li>
          <li>
            To re-check everything from the database (every leaf, the tree and every checkpoint signature), run{" "}
            <code className="font-mono text-xs">npx custody verify</code> on the Custody server: it lists every entry and checkpoint that
            does not match, with counts per kind (bytes, column, tree, checkpoint).
          </li>
        </ol>
      </div>
    </Card>
  );
}
