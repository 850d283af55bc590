import "server-only";
import { parseStrictJson, StrictJsonError } from "@/lib/json/parse-strict-json";
import { VerificationFailure } from "./verification-result";

/** Strict JSON (a key sent twice, a lone surrogate, deep nesting: refused) or a VerificationFailure naming where. */
export function readJsonDocument(text: string, what: string): unknown {
  try {
    return parseStrictJson(text, { maxDepth: 32 });
  } catch (error) {
    if (error instanceof StrictJsonError) throw new VerificationFailure("unreadable", `The ${what} is not valid JSON: ${error.message}.`);
    throw error;
  }
}

/** A zod issue list as one sentence: "dsseEnvelope.payload: expected string". */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join(".") : "(document)"}: ${issue.message}`)
    .join("; ");
}
