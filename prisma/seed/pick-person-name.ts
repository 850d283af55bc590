import { firstNames, lastNames } from "./name-lists";
import type { Random } from "./random";

export const DEMO_EMAIL_DOMAIN = "acme-robotics.example";

/** A name whose email is not in `takenEmails` yet (and records it there). */
export function pickPersonName(random: Random, takenEmails: Set<string>): { name: string; email: string; subject: string } {
  for (let attempt = 0; ; attempt++) {
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    // After a few collisions, a number keeps large organisations unique, as real directories do.
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "") + (attempt >= 8 ? String(attempt - 6) : "");
    const email = `${local}@${DEMO_EMAIL_DOMAIN}`;
    if (takenEmails.has(email)) continue;
    takenEmails.add(email);
    return { name: `${first} ${last}`, email, subject: local };
  }
}
