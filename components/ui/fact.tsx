import { cn } from "./cn";

/** One labelled fact of a `<dl>` of facts (owner, created, expires…). `wide` spans two columns of a two-column grid. */
export function Fact({ label, children, wide = false }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={cn(wide && "col-span-2")}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
