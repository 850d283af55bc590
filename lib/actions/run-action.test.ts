import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every server action goes through runAction (lib/actions/run-action.ts): one sign-in check, one
// result type, one way errors become words. This fails for an action written any other way.
const appDir = path.resolve(import.meta.dirname, "../../app");

function actionFiles(dir = appDir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return actionFiles(full);
    return entry === "actions.ts" ? [full] : [];
  });
}

describe("server actions", () => {
  const files = actionFiles();

  it("finds the application's actions", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((file) => [path.relative(appDir, file), file]))("%s runs every action through runAction", (_name, file) => {
    const source = readFileSync(file, "utf8");
    expect(source.startsWith('"use server";')).toBe(true);
    const bodies = source.split(/^export async function /m).slice(1);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body, body.slice(0, body.indexOf("("))).toMatch(/^[^{]*\{\s*return (runAction|run)(<[^>]*>)?\(/);
    expect(source, "no try/catch of its own").not.toMatch(/\btry \{/);
    expect(source, "no session lookup of its own").not.toMatch(/getPrincipal\(/);
  });
});
