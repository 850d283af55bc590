"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, Clock } from "lucide-react";
import { verifyEventInBrowser } from "@/lib/timeline/verify-in-browser";
import { ProblemError } from "@/components/data/api-client";
import { inclusionProofQuery, publicKeyQuery } from "./ledger-queries";

/**
 * The event's inclusion proof, fetched from the ledger API and checked here, in the browser,
 * with WebCrypto: the bytes shown hash to the leaf, the leaf is in the signed checkpoint's tree,
 * and the checkpoint's signature is the ledger key's.
 */
export function ProofCheck({
  seq,
  canonical,
  leafHash,
  canReadProofs,
}: {
  seq: string;
  canonical: string;
  leafHash: string;
  canReadProofs: boolean;
}) {
  const proof = useQuery({ ...inclusionProofQuery(seq), enabled: canReadProofs });
  const key = useQuery({ ...publicKeyQuery(), enabled: canReadProofs });
  const verification = useQuery({
    queryKey: ["ledger", "browser-verification", seq, leafHash, canonical, proof.data?.size, key.data?.publicKey],
    queryFn: () => verifyEventInBrowser({ canonical, leafHash, seq: Number(seq), proof: proof.data!, publicKey: key.data!.publicKey }),
    enabled: Boolean(proof.data && key.data),
    staleTime: Infinity,
  });

  if (!canReadProofs) {
    return (
      <Status tone="neutral" title="Proof not checked">
        Checking inclusion proofs needs the ledger.read capability (administrators, compliance officers, incident responders and auditors
        hold it).
      </Status>
    );
  }
  if (proof.error || key.error) {
    const error = (proof.error ?? key.error) as Error;
    if (error instanceof ProblemError && error.status === 400 && /below size/.test(error.message)) {
      return (
        <Status tone="pending" title="Not yet in a signed checkpoint">
          This event was appended after the latest signed checkpoint. Checkpoints are signed every few seconds: try again shortly.
        </Status>
      );
    }
    return (
      <Status tone="danger" title="NOT verified">
        {error.message}
      </Status>
    );
  }
  if (!verification.data)
    return (
      <Status tone="pending" title="Checking…">
        Fetching the inclusion proof and the ledger&apos;s public key, then checking them in this browser.
      </Status>
    );
  const result = verification.data;
  if (!result.ok)
    return (
      <Status tone="danger" title={`NOT verified: ${result.reason}`}>
        Checked in this browser against checkpoint of size {proof.data!.size.toLocaleString("en")}.
      </Status>
    );
  return (
    <Status
      tone="success"
      title={`Verified: included in checkpoint of size ${result.size.toLocaleString("en")} signed by ${result.keyName}`}
    >
      Leaf SHA-256(0x00‖bytes) matches; the RFC 9162 inclusion proof ({proof.data!.proof.length} hashes) leads to root{" "}
      <code className="font-mono">{result.rootHash.slice(0, 16)}…</code>;{" "}
      {result.signatureChecked ? (
        <>the Ed25519 signature of key {result.keyId} verifies.</>
      ) : (
        <strong>this browser cannot check Ed25519 signatures, so the checkpoint&apos;s signature was not checked.</strong>
      )}
    </Status>
  );
}

function Status({
  tone,
  title,
  children,
}: {
  tone: "success" | "danger" | "pending" | "neutral";
  title: string;
  children: React.ReactNode;
}) {
  const styles = {
    success: { box: "border-emerald-300 bg-emerald-50 text-emerald-900", Icon: CircleCheck },
    danger: { box: "border-red-300 bg-red-50 text-red-900", Icon: CircleAlert },
    pending: { box: "border-amber-300 bg-amber-50 text-amber-900", Icon: Clock },
    neutral: { box: "border-slate-200 bg-slate-50 text-slate-700", Icon: Clock },
  }[tone];
  return (
    <div role="status" aria-live="polite" className={`flex gap-2 rounded-md border px-3 py-2 text-sm ${styles.box}`}>
      <styles.Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div>
        <p className="font-semibold" data-testid="proof-status">
          {title}
        </p>
        <p className="mt-0.5 text-xs">{children}</p>
      </div>
    </div>
  );
}
