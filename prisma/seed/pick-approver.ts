import type { Artifact, User } from "@/lib/generated/prisma/client";
import type { DemoGrantContext } from "./demo-organization";

/** Who approved a grant: the holder's manager, else the model's team lead, else the platform
 * lead; never the holder (nobody approves their own access). */
export function pickApprover({ people, usersById }: DemoGrantContext, holder: User, artifact: Artifact): string {
  const candidates = [
    holder.managerId,
    people.teamLeads.get(artifact.teamId.replace(/^grp_/, "")),
    people.teamLeads.get("platform-team"),
    people.personaIds.get("casey"),
  ];
  for (const id of candidates) {
    if (id && id !== holder.id && !usersById.get(id)?.disabledAt) return id;
  }
  throw new Error(`no approver for ${holder.id}`);
}
