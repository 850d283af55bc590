import { ShieldCheck } from "lucide-react";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-slate-100 px-4">
      <div className="mb-6 flex items-center gap-2 text-slate-900">
        <ShieldCheck className="size-7 text-indigo-600" aria-hidden />
        <span className="text-2xl font-semibold tracking-tight">Custody</span>
      </div>
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">{children}</div>
      <p className="mt-6 max-w-md text-center text-xs text-slate-500">
        Access governance and a tamper-evident audit trail for machine-learning model artifacts.
      </p>
    </div>
  );
}
