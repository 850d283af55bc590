import { demoPersonas } from "../../prisma/seed/personas";
import type { TIdpAccount } from "./local-idp";

/** The demo personas as accounts of the local OIDC provider. */
export function demoIdpAccounts(): TIdpAccount[] {
  return demoPersonas.map((persona) => ({
    subject: persona.subject,
    name: persona.name,
    email: persona.email,
    groups: [...persona.groups],
    title: persona.title,
    summary: persona.summary,
  }));
}
