import "server-only";
import { z } from "zod";
import { ZText } from "@/lib/input/text";
import { decodeDsseBase64, IN_TOTO_PAYLOAD_TYPE, type TDsseEnvelope } from "./dsse";
import { describeIssues, readJsonDocument } from "./read-json-document";
import { VerificationFailure } from "./verification-result";

const statementTypes = ["https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1"];

export const ZStatement = z.object({
  _type: z.string().refine((type) => statementTypes.includes(type), { message: "not an in-toto Statement v1 or v0.1" }),
  subject: z
    .array(z.object({ name: ZText.max(1000).optional(), digest: z.record(z.string().max(64), z.string().max(256)) }))
    .min(1)
    .max(10_000),
  predicateType: ZText.min(1).max(500),
  predicate: z.record(z.string(), z.unknown()).optional(),
});
export type TStatement = z.infer<typeof ZStatement>;

/** The envelope's payload as an in-toto statement; a payload of another type, or not a statement, fails with why. */
export function readStatement(envelope: TDsseEnvelope): TStatement {
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    throw new VerificationFailure("unsupported", `The envelope's payloadType is "${envelope.payloadType}", not ${IN_TOTO_PAYLOAD_TYPE}.`);
  const payload = decodeDsseBase64(envelope.payload, "payload");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(payload);
  const parsed = ZStatement.safeParse(readJsonDocument(text, "signed statement"));
  if (!parsed.success)
    throw new VerificationFailure(
      "unsupported",
      `The signed statement is not an in-toto statement: ${describeIssues(parsed.error.issues)}.`,
    );
  return parsed.data;
}

/** The statement's subject digests, lowercase: which sha256 it vouches for. */
export function subjectSha256s(statement: TStatement): string[] {
  return statement.subject.flatMap((subject) => (subject.digest.sha256 ? [subject.digest.sha256.toLowerCase()] : []));
}
