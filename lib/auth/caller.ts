import type { TTokenPrincipal } from "@/lib/service-accounts/authenticate-token";
import type { TPrincipal } from "./principal";

/** Who called a route that takes either a signed-in person or a service-account token. */
export type TCaller = { kind: "person"; principal: TPrincipal } | { kind: "token"; token: TTokenPrincipal };
