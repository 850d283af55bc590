import { parseArgs } from "node:util";
import { createConnector } from "../../lib/connectors/create-connector";
import { connectorKinds } from "../../lib/connectors/connector-vocabulary";
import { printRefusal, withServerSession } from "./server-session";

export const connectorUsage =
  "custody connector create --as <admin email> --kind <" +
  connectorKinds.join("|") +
  "> --name <name> [--rule '<pattern>=<project slug>[:<artifact name>]']…";

/**
 * `custody connector create`: what the admin page does, from the server's shell. Prints the
 * secret once (stdout, nothing else there) and the webhook URL; recorded in the ledger as the admin.
 */
export async function runConnector(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: "string" },
      kind: { type: "string" },
      name: { type: "string" },
      rule: { type: "string", multiple: true, default: [] },
    },
  });
  if (positionals[0] !== "create" || !values.as || !values.kind || !values.name) {
    console.error(`usage: ${connectorUsage}`);
    return 2;
  }
  return withServerSession(values.as, async ({ db, config, principal }) => {
    const projects = await db.project.findMany({ where: { orgId: config.CUSTODY_ORG_ID }, select: { id: true, slug: true } });
    const rules = [];
    for (const text of values.rule ?? []) {
      const match = /^(.+)=([^:=]+)(?::(.+))?$/.exec(text);
      const project = match && projects.find((candidate) => candidate.slug === match[2]);
      if (!match || !project) {
        console.error(
          `custody: --rule "${text}": write <pattern>=<project slug>[:<artifact name>] with one of the projects: ${projects.map((p) => p.slug).join(", ")}`,
        );
        return 2;
      }
      rules.push({ pattern: match[1]!, projectId: project.id, artifactName: match[3] });
    }
    try {
      const created = await createConnector({ principal: principal!, input: { kind: values.kind, name: values.name, rules } });
      console.error(
        `custody: created connector ${created.name} (${created.kind}, id ${created.id}); the ledger records it. Its secret, shown once:`,
      );
      console.log(created.secret);
      if (created.webhookPath) console.error(`custody: webhook URL: ${config.publicUrl}${created.webhookPath}`);
      else console.error(`custody: import with: custody import ${created.kind} --connector ${created.id} <files>`);
      return 0;
    } catch (error) {
      return printRefusal(error);
    }
  });
}
