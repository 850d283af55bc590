import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { TVersionLineage } from "@/lib/provenance/get-version-lineage";
import type { TDependencyKind } from "@/lib/provenance/verification-result";

const kindLabels: Record<TDependencyKind, string> = {
  dataset: "Datasets",
  base_model: "Base models",
  source: "Sources",
  other: "Other inputs",
};
const kindOrder: TDependencyKind[] = ["dataset", "base_model", "source", "other"];

/** Each version's lineage from its SLSA provenance: who built it, how, and from what (datasets, base models, sources). */
export function LineagePanel({ versions }: { versions: { version: number; lineage: TVersionLineage }[] }) {
  return (
    <Card className="mt-5">
      <CardHeader
        title="Lineage"
        description="From SLSA provenance attached to each version and verified by Custody: the builder, the build type and the resolved dependencies."
      />
      {versions.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">
          No provenance attached yet. Attach a SLSA provenance attestation with <code className="font-mono">custody attest</code> or the
          API.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="lineage">
          {versions.map(({ version, lineage }) => (
            <li key={version} className="px-4 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold text-slate-900">v{version}</span>
                {lineage.verdict === "verified" ? (
                  <Badge tone="success">provenance verified{lineage.signer ? ` · ${lineage.signer}` : ""}</Badge>
                ) : (
                  <Badge tone="danger">provenance failed</Badge>
                )}
              </div>
              {lineage.verdict === "failed" ? <p className="mt-1 text-xs text-red-800">{lineage.reason}</p> : null}
              <dl className="mt-1.5 grid grid-cols-[110px_1fr] gap-x-2 gap-y-1 text-xs">
                <dt className="text-slate-600">Builder</dt>
                <dd className="break-all text-slate-900">{lineage.builderId ?? "—"}</dd>
                <dt className="text-slate-600">Build type</dt>
                <dd className="break-all text-slate-900">{lineage.buildType ?? lineage.predicateType ?? "—"}</dd>
                {kindOrder.map((kind) => {
                  const dependencies = lineage.dependencies.filter((dependency) => dependency.kind === kind);
                  if (dependencies.length === 0) return null;
                  return (
                    <div key={kind} className="contents">
                      <dt className="text-slate-600">{kindLabels[kind]}</dt>
                      <dd>
                        <ul className="space-y-0.5">
                          {dependencies.map((dependency, index) => (
                            <li key={`${dependency.uri ?? dependency.name}-${index}`} className="break-all text-slate-900">
                              {dependency.uri ?? dependency.name}
                              {dependency.digest
                                ? Object.entries(dependency.digest).map(([algorithm, value]) => (
                                    <code key={algorithm} className="ml-1 font-mono text-[11px] text-slate-600">
                                      {algorithm}:{value.slice(0, 12)}
                                    </code>
                                  ))
                                : null}
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
