import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { notVisible, visibleArtifacts } from "./resolve-artifact-correlation";

/**
 * The artifact a timeline is about, as `principal` may see it (a stranger gets NOT_FOUND): one
 * indexed lookup, so the page can answer 404 before it streams the slow parts. Reads no ledger data.
 */
export async function findTimelineArtifact({
  principal,
  artifactId,
}: {
  principal: TPrincipal;
  artifactId: string;
}): Promise<{ id: string; name: string }> {
  assertCapability(principal, "artifacts.timeline.view");
  const artifact = await db().artifact.findFirst({
    where: { AND: [await visibleArtifacts(principal), { id: artifactId }] },
    select: { id: true, name: true },
  });
  if (!artifact) throw notVisible();
  return artifact;
}
