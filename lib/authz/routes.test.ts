import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { platformRoles, type TPlatformRole } from "./roles";
import { canUseRoute, routeRules, type TRoute } from "./routes";

const appDir = path.resolve(import.meta.dirname, "../../app");

/** Every page and route handler under app/, as its URL pattern (route groups removed). */
function discoverRoutes(dir = appDir): { route: string; file: string; kind: "page" | "handler" }[] {
  const found: { route: string; file: string; kind: "page" | "handler" }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (!entry.startsWith("_")) found.push(...discoverRoutes(full));
      continue;
    }
    const kind = entry === "page.tsx" ? "page" : entry === "route.ts" ? "handler" : null;
    if (!kind) continue;
    const segments = path
      .relative(appDir, dir)
      .split(path.sep)
      .filter((segment) => segment && !/^\(.*\)$/.test(segment));
    found.push({ route: `/${segments.join("/")}`, file: full, kind });
  }
  return found;
}

// What each role may open, written out by hand: changing the permission map means changing this.
const Y = true;
const N = false;
const expected: Partial<Record<TRoute, Record<TPlatformRole, boolean>>> = {
  "/": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: Y, auditor: Y, engineer: Y },
  "/artifacts": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: Y, auditor: Y, engineer: Y },
  "/artifacts/[artifactId]": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: Y, auditor: Y, engineer: Y },
  "/artifacts/[artifactId]/timeline": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: Y },
  "/environments": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/artifacts/[artifactId]/events": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: Y },
  "/api/v1/artifacts/[artifactId]/events/summary": {
    admin: Y,
    compliance_officer: Y,
    incident_responder: Y,
    manager: N,
    auditor: Y,
    engineer: Y,
  },
  "/access": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: Y, auditor: Y, engineer: Y },
  "/access/principals/[principalType]/[principalId]": {
    admin: Y,
    compliance_officer: Y,
    incident_responder: Y,
    manager: Y,
    auditor: Y,
    engineer: Y,
  },
  "/api/v1/ledger/checkpoint": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/ledger/tlog/checkpoint": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/ledger/tlog/tile/[...path]": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/ledger/tlog/tile/entries/[...path]": {
    admin: Y,
    compliance_officer: Y,
    incident_responder: Y,
    manager: N,
    auditor: Y,
    engineer: N,
  },
  "/api/v1/ledger/checkpoints": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/ledger/cosignatures": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: Y, auditor: Y, engineer: Y },
  "/api/v1/ledger/proof/inclusion": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/ledger/proof/consistency": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/ledger/verifications/[verificationId]": {
    admin: Y,
    compliance_officer: Y,
    incident_responder: Y,
    manager: N,
    auditor: Y,
    engineer: N,
  },
  "/ledger": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/ledger/search": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/ledger/events": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/ledger/events/export": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/alerts": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/alerts/[alertId]": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/alerts/suppressions": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/alerts": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/alerts/[alertId]": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/alerts/suppressions": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/alerts/[alertId]/lifecycle": { admin: Y, compliance_officer: N, incident_responder: Y, manager: N, auditor: N, engineer: N },
  "/api/v1/alerts/[alertId]/escalate": { admin: Y, compliance_officer: N, incident_responder: Y, manager: N, auditor: N, engineer: N },
  "/api/v1/alerts/suppressions/[suppressionId]/revoke": {
    admin: Y,
    compliance_officer: N,
    incident_responder: Y,
    manager: N,
    auditor: N,
    engineer: N,
  },
  "/investigations": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/investigations/new": { admin: Y, compliance_officer: N, incident_responder: Y, manager: N, auditor: N, engineer: N },
  "/investigations/[investigationId]": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/alerts/rules": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/api/v1/investigations": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/investigations/[investigationId]/events": {
    admin: Y,
    compliance_officer: Y,
    incident_responder: Y,
    manager: N,
    auditor: Y,
    engineer: N,
  },
  "/api/v1/investigations/[investigationId]/annotations": {
    admin: Y,
    compliance_officer: Y,
    incident_responder: Y,
    manager: N,
    auditor: Y,
    engineer: N,
  },
  "/api/v1/investigations/[investigationId]/search": {
    admin: Y,
    compliance_officer: N,
    incident_responder: Y,
    manager: N,
    auditor: N,
    engineer: N,
  },
  "/api/v1/investigations/[investigationId]/export": {
    admin: Y,
    compliance_officer: Y,
    incident_responder: Y,
    manager: N,
    auditor: Y,
    engineer: N,
  },
  "/admin/users": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/admin/service-accounts": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: Y, engineer: N },
  "/admin/forwarding": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/admin/forwarding/new": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/admin/forwarding/[destinationId]": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/admin/forwarding/[destinationId]/edit": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/api/v1/forwarding/destinations/[destinationId]/deliveries": {
    admin: Y,
    compliance_officer: N,
    incident_responder: N,
    manager: N,
    auditor: N,
    engineer: N,
  },
  "/admin/service-accounts/[serviceAccountId]": {
    admin: Y,
    compliance_officer: N,
    incident_responder: N,
    manager: N,
    auditor: Y,
    engineer: N,
  },
  "/admin/connectors": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: Y, engineer: N },
  "/admin/connectors/new": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/admin/connectors/[connectorId]": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: Y, engineer: N },
  "/api/v1/imports/[connectorId]": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/api/v1/principals": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/admin/signer-policy": { admin: Y, compliance_officer: N, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/api/v1/artifacts/[artifactId]/versions/[version]/signatures": {
    admin: Y,
    compliance_officer: Y,
    incident_responder: Y,
    manager: Y,
    auditor: Y,
    engineer: Y,
  },
  "/api/v1/artifacts/[artifactId]/versions/[version]/attestations": {
    admin: Y,
    compliance_officer: Y,
    incident_responder: Y,
    manager: Y,
    auditor: Y,
    engineer: Y,
  },
  "/reviews": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: Y, auditor: Y, engineer: Y },
  "/reviews/new": { admin: N, compliance_officer: Y, incident_responder: N, manager: N, auditor: N, engineer: N },
  "/reviews/[campaignId]": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: Y, auditor: Y, engineer: Y },
  "/reviews/[campaignId]/items": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: Y, auditor: Y, engineer: Y },
  "/api/v1/reviews/[campaignId]/export": { admin: Y, compliance_officer: Y, incident_responder: N, manager: N, auditor: Y, engineer: N },
  "/evidence": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/evidence/verify": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: Y, auditor: Y, engineer: Y },
  "/api/v1/evidence/public-key": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: Y, auditor: Y, engineer: Y },
  "/api/v1/evidence/bundles": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/evidence/bundles/[bundleId]": { admin: Y, compliance_officer: Y, incident_responder: Y, manager: N, auditor: Y, engineer: N },
  "/api/v1/evidence/bundles/[bundleId]/download": {
    admin: Y,
    compliance_officer: Y,
    incident_responder: Y,
    manager: N,
    auditor: Y,
    engineer: N,
  },
  "/controls": { admin: Y, compliance_officer: Y, incident_responder: N, manager: Y, auditor: Y, engineer: N },
  "/controls/[controlKey]": { admin: Y, compliance_officer: Y, incident_responder: N, manager: Y, auditor: Y, engineer: N },
  "/api/v1/controls": { admin: Y, compliance_officer: Y, incident_responder: N, manager: Y, auditor: Y, engineer: N },
  "/api/v1/controls/export": { admin: Y, compliance_officer: Y, incident_responder: N, manager: Y, auditor: Y, engineer: N },
  "/api/v1/controls/[controlKey]": { admin: Y, compliance_officer: Y, incident_responder: N, manager: Y, auditor: Y, engineer: N },
};

describe("route permissions", () => {
  const routes = discoverRoutes();

  it("finds the application's routes", () => {
    expect(routes.length).toBeGreaterThan(5);
  });

  it.each(routes.map((found) => [found.route, found]))("%s is in the permission map", (route) => {
    expect(Object.keys(routeRules), `add "${route}" to routeRules in lib/authz/routes.ts`).toContain(route);
  });

  it("has no map entries for routes that no longer exist", () => {
    const existing = new Set(routes.map((found) => found.route));
    expect(Object.keys(routeRules).filter((route) => !existing.has(route))).toEqual([]);
  });

  it.each(
    routes.filter((found) => found.kind === "page" && routeRules[found.route as TRoute] !== "public").map((found) => [found.route, found]),
  )("page %s checks its own route on the server", (route, found) => {
    expect(readFileSync(found.file, "utf8").replace(/\s+/g, "")).toContain(`requirePageAccess("${route}"`);
  });

  // Every handler goes through the one route wrapper (lib/http/route.ts), which authenticates, checks
  // the capability, validates and answers problem details; next-auth's own endpoints are the exception.
  const handlers = routes.filter((found) => found.kind === "handler" && found.route !== "/api/auth/[...nextauth]");

  it.each(handlers.map((found) => [found.route, found]))("handler %s is written with route() and nothing else", (_route, found) => {
    const source = readFileSync(found.file, "utf8");
    expect(source).toContain('from "@/lib/http/route"');
    const exported = [...source.matchAll(/^export (?:async )?(?:function|const|let) (\w+)/gm)].map((match) => match[1]);
    const methods = exported.filter((name) => name !== "dynamic");
    expect(methods.length, "exports at least one method").toBeGreaterThan(0);
    for (const method of methods) expect(source, `${method} = route(…)`).toMatch(new RegExp(`^export const ${method} = route\\(`, "m"));
    expect(source, "no database access in app/: call a function of lib/").not.toMatch(/@\/lib\/db\b|\bdb\(\)|prisma/i);
  });

  it.each(handlers.filter((found) => Array.isArray(routeRules[found.route as TRoute])).map((found) => [found.route, found]))(
    "handler %s asks the wrapper for a capability of its rule",
    (route, found) => {
      const source = readFileSync(found.file, "utf8");
      const capabilities = routeRules[route as TRoute] as readonly string[];
      const asked = [...source.matchAll(/\bsession(?:OrToken)?\(([^)]*)\)/g)].flatMap((match) =>
        [...match[1]!.matchAll(/"([^"]+)"/g)].map((quoted) => quoted[1]!),
      );
      expect(
        asked.filter((capability) => capabilities.includes(capability)).length,
        `session("${capabilities.join('" or "')}")`,
      ).toBeGreaterThan(0);
    },
  );

  it.each(handlers.filter((found) => routeRules[found.route as TRoute] === "token").map((found) => [found.route, found]))(
    "machine route %s authenticates a service-account token",
    (_route, found) => {
      expect(readFileSync(found.file, "utf8")).toMatch(/auth: token\("/);
    },
  );

  it.each(handlers.filter((found) => routeRules[found.route as TRoute] === "public").map((found) => [found.route, found]))(
    "public route %s says so",
    (_route, found) => {
      expect(readFileSync(found.file, "utf8")).toContain("auth: publicAccess");
    },
  );

  for (const [route, byRole] of Object.entries(expected) as [TRoute, Record<TPlatformRole, boolean>][]) {
    it.each(platformRoles.map((role) => [role]))(`${route}: role %s`, (role) => {
      expect(canUseRoute([role], route)).toBe(byRole[role]);
    });
  }

  it("lets a user without any role use only the signed-in and public routes", () => {
    for (const route of Object.keys(routeRules) as TRoute[]) {
      const rule = routeRules[route];
      expect(canUseRoute([], route), route).toBe(rule === "public" || rule === "signed-in");
      if (rule === "token")
        expect(
          platformRoles.some((role) => canUseRoute([role], route)),
          route,
        ).toBe(false);
    }
  });

  it("covers every capability route in the expected matrix", () => {
    const capabilityRoutes = (Object.keys(routeRules) as TRoute[]).filter((route) => Array.isArray(routeRules[route]));
    expect(capabilityRoutes.filter((route) => !(route in expected))).toEqual([]);
  });
});
