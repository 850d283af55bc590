import { z } from "zod";
import { ZText } from "@/lib/input/text";

// The signer-policy form's fields, shared by the server action and the browser.

export const ZSignerPolicyEntryInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("identity"),
    projectId: z.string().min(1).max(100),
    label: ZText.trim().max(200).optional(),
    identity: ZText.trim().min(3, "Enter the certificate identity (an email or a URI).").max(500),
    issuer: ZText.trim()
      .max(500)
      .refine((value) => /^https:\/\/[^\s]+$/.test(value), "The OIDC issuer is an https:// URL, e.g. https://accounts.google.com."),
  }),
  z.object({
    kind: z.literal("key"),
    projectId: z.string().min(1).max(100),
    label: ZText.trim().max(200).optional(),
    publicKeyPem: ZText.trim().min(1, "Paste the PEM public key.").max(10_000),
  }),
]);
export type TSignerPolicyEntryInput = z.infer<typeof ZSignerPolicyEntryInput>;
