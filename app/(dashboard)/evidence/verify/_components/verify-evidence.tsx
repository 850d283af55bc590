"use client";

import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { fetchJson } from "@/components/data/api-client";
import { evidenceKeyFromPem } from "@/lib/evidence/verify/dsse";
import { verifyBundle, type TBundleVerdict } from "@/lib/evidence/verify/verify-bundle";

const tone = { pass: "success", fail: "danger", warn: "warning" } as const;
const word = { pass: "PASS", fail: "FAIL", warn: "WARN" } as const;

/** Reads the dropped zip into memory and runs lib/evidence/verify on it: nothing leaves the browser. */
export function VerifyEvidence() {
  const [organisationKey, setOrganisationKey] = useState<string>("");
  const [keyText, setKeyText] = useState("");
  const [verdict, setVerdict] = useState<(TBundleVerdict & { fileName: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    fetchJson<{ publicKey: string }>("/api/v1/evidence/public-key", { what: "The evidence key" })
      .then((key) => {
        setOrganisationKey(key.publicKey);
        setKeyText((current) => current || key.publicKey);
      })
      .catch(() => setOrganisationKey(""));
  }, []);

  const check = async (file: File) => {
    setError(null);
    setVerdict(null);
    let keys: Uint8Array[] = [];
    if (keyText.trim()) {
      try {
        keys = [evidenceKeyFromPem(keyText)];
      } catch {
        setError("The evidence key is not an Ed25519 public key in PEM; correct it or clear the field.");
        return;
      }
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    setVerdict({ ...verifyBundle(bytes, { evidenceKeys: keys }), fileName: file.name });
  };

  const failures = verdict?.checks.filter((c) => c.status === "fail").length ?? 0;
  return (
    <div className="space-y-5">
      <Card>
        <div className="space-y-3 p-4">
          <label
            htmlFor="bundle-file"
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(event) => {
              event.preventDefault();
              setDragging(false);
              const file = event.dataTransfer.files[0];
              if (file) void check(file);
            }}
            className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center ${dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-slate-50"}`}
          >
            <span className="text-sm font-medium text-slate-900">Drop an evidence bundle (.zip) here, or choose one</span>
            <span className="mt-1 text-xs text-slate-600">Checked in this browser; nothing is uploaded.</span>
            <input
              id="bundle-file"
              type="file"
              accept=".zip,application/zip"
              className="sr-only"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void check(file);
                event.target.value = "";
              }}
            />
          </label>
          <Field
            label="Trusted evidence key (PEM)"
            htmlFor="evidence-key"
            hint={
              !keyText.trim()
                ? "No key: a bundle can then only be called internally consistent, not signed by your organisation."
                : keyText.trim() === organisationKey.trim()
                  ? "This organisation's published key (GET /api/v1/evidence/public-key)."
                  : "A key you pasted, not this organisation's published one."
            }
          >
            <textarea
              id="evidence-key"
              rows={3}
              className={`${inputClass} font-mono text-xs`}
              value={keyText}
              onChange={(event) => setKeyText(event.target.value)}
            />
          </Field>
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </div>
      </Card>
      {verdict ? (
        <Card>
          <CardHeader
            title={
              failures > 0
                ? `${verdict.fileName}: ${failures} check${failures === 1 ? "" : "s"} failed`
                : verdict.trusted
                  ? `${verdict.fileName}: verified`
                  : `${verdict.fileName}: valid, but signed by an unknown key`
            }
            description={
              verdict.report
                ? `${verdict.report.title} · effective at checkpoint ${verdict.report.effective?.checkpointSize} (${verdict.report.effective?.checkpointCreatedAt}) · generated ${verdict.report.generatedAt} by ${verdict.report.generatedBy?.name} · ${verdict.entryCount.toLocaleString("en")} ledger entries`
                : undefined
            }
          />
          <div
            role="status"
            aria-live="polite"
            data-verdict={failures > 0 ? "fail" : verdict.trusted ? "pass" : "untrusted"}
            className="sr-only"
          >
            {failures > 0 ? "Verification failed" : verdict.trusted ? "Verified" : "Signed by an unknown key"}
          </div>
          <Table>
            <thead>
              <tr>
                <Th>Result</Th>
                <Th>Check</Th>
                <Th>Detail</Th>
              </tr>
            </thead>
            <tbody>
              {verdict.checks.map((c, i) => (
                <tr key={`${c.name}-${i}`} data-check={c.name} data-status={c.status}>
                  <Td>
                    <Badge tone={tone[c.status]}>{word[c.status]}</Badge>
                  </Td>
                  <Td className="font-mono text-xs whitespace-nowrap">{c.name}</Td>
                  <Td className="text-slate-700">{c.detail}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}
