import type { Metadata } from "next";
import { connection } from "next/server";
import { ZodJitless } from "@/components/csp/zod-jitless";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Custody", template: "%s · Custody" },
  description: "Access governance and a tamper-evident audit trail for ML model artifacts.",
};

// Every page renders per request, so its scripts carry the nonce of this response's CSP (proxy.ts
// sets it; Next.js reads it from the request and applies it to its own scripts). A page
// prerendered at build time would have no nonce, and its scripts would be refused.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        <ZodJitless />
        {children}
      </body>
    </html>
  );
}
