import type { TPrincipal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors/app-error";
import { hasCapability, type TCapability } from "./permissions";

/** Domain functions call this first, so no caller can forget the check. */
export function assertCapability(principal: TPrincipal, ...anyOf: TCapability[]): void {
  if (!anyOf.some((capability) => hasCapability(principal.roles, capability))) {
    throw new AppError(
      "FORBIDDEN",
      `Your roles (${principal.roles.join(", ") || "none"}) do not allow this: it needs ${anyOf.join(" or ")}.`,
    );
  }
}
