import { parseArgs } from "node:util";
import { createApiToken } from "../../lib/service-accounts/create-api-token";
import { tokenScopes } from "../../lib/service-accounts/service-account-vocabulary";
import { printRefusal, withServerSession } from "./server-session";

export const tokenUsage = `custody token create --as <admin email> --service-account <slug> --name <name> --scopes <${tokenScopes.join(",")}> [--days <n>]`;

/**
 * `custody token create`: a service-account token without a browser, through the same function
 * as the admin page (recorded in the ledger as the admin). The token goes to stdout, once.
 */
export async function runToken(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: "string" },
      "service-account": { type: "string" },
      name: { type: "string" },
      scopes: { type: "string" },
      days: { type: "string" },
    },
  });
  if (positionals[0] !== "create" || !values.as || !values["service-account"] || !values.name || !values.scopes) {
    console.error(`usage: ${tokenUsage}`);
    return 2;
  }
  return withServerSession(values.as, async ({ db, config, principal }) => {
    const account = await db.serviceAccount.findFirst({
      where: { orgId: config.CUSTODY_ORG_ID, slug: values["service-account"] },
      select: { id: true, name: true },
    });
    if (!account) {
      console.error(`custody: there is no service account "${values["service-account"]}"; create it on the Service accounts page.`);
      return 1;
    }
    try {
      const { token, apiToken } = await createApiToken({
        principal: principal!,
        serviceAccountId: account.id,
        input: { name: values.name, scopes: values.scopes!.split(",").map((scope) => scope.trim()), expiresInDays: values.days },
      });
      console.error(
        `custody: created token "${apiToken.name}" (${apiToken.prefix}…) for ${account.name}, scopes ${apiToken.scopes.join(", ")}; the ledger records it. Shown once:`,
      );
      console.log(token);
      return 0;
    } catch (error) {
      return printRefusal(error);
    }
  });
}
