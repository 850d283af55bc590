import { checkHealth } from "@/lib/health/check-health";
import { publicAccess, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for the launcher and load balancers. Public; reveals nothing. */
export const GET = route({ auth: publicAccess }, () => checkHealth());
