import type { Artifact, User } from "@/lib/generated/prisma/client";
import { addDays } from "./add-days";
import { laterOf } from "./later-of";
import type { Random } from "./random";

/** A validFrom no earlier than a day after both the holder and the model existed, and no later
 * than `latest`; null when that window is empty. */
export function pickGrantStart(
  random: Random,
  { holder, artifact, earliest, latest }: { holder: User; artifact: Artifact; earliest?: Date; latest: Date },
): Date | null {
  const from = laterOf(addDays(laterOf(holder.createdAt, artifact.createdAt), 1), earliest ?? new Date(0));
  if (from >= latest) return null;
  return random.dateBetween(from, latest);
}
