import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Custody", template: "%s · Custody" },
  description: "Access governance and a tamper-evident audit trail for ML model artifacts.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
