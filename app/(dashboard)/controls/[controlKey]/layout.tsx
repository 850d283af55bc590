import { notFound } from "next/navigation";
import { controlDefinition } from "@/lib/controls/catalogue";

/** An unknown control answers 404 before the page starts streaming. */
export default async function ControlLayout({ params, children }: { params: Promise<{ controlKey: string }>; children: React.ReactNode }) {
  const { controlKey } = await params;
  if (!controlDefinition(controlKey)) notFound();
  return children;
}
