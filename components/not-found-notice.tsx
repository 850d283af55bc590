import Link from "next/link";

/**
 * What a not-found page says: what is missing, why someone may be seeing this (another
 * organisation's id, a link gone stale), and the way back to the list it belongs to.
 */
export function NotFoundNotice({
  title,
  backHref,
  backLabel,
  children,
}: {
  title: string;
  backHref: string;
  backLabel: string;
  children: React.ReactNode;
}) {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{children}</p>
      <Link href={backHref} className="mt-5 inline-block text-sm font-medium text-indigo-700 hover:underline">
        {backLabel}
      </Link>
    </div>
  );
}
