"use client";

import { z } from "zod";

// Zod probes `new Function` to compile faster parsers; under Custody's CSP (no unsafe-eval) the probe
// fails harmlessly but is reported as a violation on every page. Parse without it in the browser.
z.config({ jitless: true });

/** Rendered once by the root layout, so this module runs before any page parses with zod. */
export function ZodJitless() {
  return null;
}
