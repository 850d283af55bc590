import { beforeAll, describe, expect, it } from "vitest";
import type { NextAuthOptions } from "next-auth";

// next-auth asks the redirect callback where to send someone after signing in or out; whatever
// callbackUrl a link carried, the answer is a page of Custody.

const baseUrl = "http://localhost:3200";
let redirect: NonNullable<NonNullable<NextAuthOptions["callbacks"]>["redirect"]>;

beforeAll(async () => {
  Object.assign(process.env, {
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: "x".repeat(48),
    OIDC_ISSUER: "http://localhost:3201",
    OIDC_CLIENT_ID: "custody",
    OIDC_CLIENT_SECRET: "secret",
    DATABASE_URL: process.env.DATABASE_URL ?? "postgres://custody@localhost:5432/custody",
  });
  const { authOptions } = await import("./options");
  redirect = authOptions().callbacks!.redirect!;
});

describe("the next-auth redirect callback", () => {
  it("keeps callbacks on Custody and sends every other host to the overview", async () => {
    const where = (url: string) => redirect({ url, baseUrl });
    expect(await where("/ledger/search?window=7d")).toBe(`${baseUrl}/ledger/search?window=7d`);
    expect(await where(`${baseUrl}/investigations`)).toBe(`${baseUrl}/investigations`);
    for (const url of [
      "/\\evil.example",
      "/\t/evil.example",
      "//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/.//evil.example",
    ]) {
      expect(new URL(await where(url)).origin, JSON.stringify(url)).toBe(baseUrl);
    }
    expect(await where("/\\evil.example")).toBe(`${baseUrl}/`);
  });
});
