import { parseStrictJson } from "@/lib/json/parse-strict-json";
import { decodeUtf8 } from "./bytes";
import type { CheckList } from "./check-list";

/** A JSON file of the bundle, parsed strictly (a key twice, a huge number or deep nesting is refused); null (and a failed check) otherwise. */
export function readBundleJson<T>(files: Map<string, Uint8Array>, name: string, list: CheckList): T | null {
  const bytes = files.get(name);
  if (!bytes) {
    list.fail(name, `${name} is missing from the bundle`);
    return null;
  }
  try {
    return parseStrictJson(decodeUtf8(bytes)) as T;
  } catch (error) {
    list.fail(name, `${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
