import "server-only";
import type { Db } from "@/lib/db";
import { testDefinition } from "./catalogue";

/** The organisation's thresholds and SLAs (the seeded defaults until someone edits them). */
export async function loadCatalogueSettings(client: Db, orgId: string) {
  const [controls, tests] = await Promise.all([
    client.control.findMany({ where: { orgId } }),
    client.controlTest.findMany({ where: { orgId } }),
  ]);
  const controlByKey = new Map(controls.map((control) => [control.key, control]));
  const testByKey = new Map(tests.map((test) => [test.key, test]));
  return {
    controls: controlByKey,
    forTest(key: string) {
      const definition = testDefinition(key);
      if (!definition) throw new Error(`unknown control test ${key}`);
      const threshold = testByKey.get(key)?.threshold ?? definition.threshold;
      const slaDays = controlByKey.get(definition.controlKey)?.slaDays ?? 7;
      return { threshold, slaDays };
    },
  };
}
