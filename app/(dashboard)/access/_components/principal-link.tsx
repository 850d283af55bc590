import Link from "next/link";
import type { PrincipalType } from "@/lib/generated/prisma/enums";

export function principalHref(type: PrincipalType, id: string): string {
  return `/access/principals/${type}/${encodeURIComponent(id)}`;
}

/** Who may open which principal page: everyone with `access.view`, others only their own. */
export type TPrincipalViewer = { userId: string; seesAll: boolean };

export function canOpenPrincipal(viewer: TPrincipalViewer, type: PrincipalType, id: string): boolean {
  return viewer.seesAll || (type === "user" && id === viewer.userId);
}

export function PrincipalLink({
  viewer,
  type,
  id,
  children,
  className = "font-medium text-indigo-700 hover:underline",
}: {
  viewer: TPrincipalViewer;
  type: PrincipalType;
  id: string;
  children: React.ReactNode;
  className?: string;
}) {
  if (!canOpenPrincipal(viewer, type, id)) return <span className="font-medium text-slate-900">{children}</span>;
  return (
    <Link href={principalHref(type, id)} className={className}>
      {children}
    </Link>
  );
}
