import { z } from "zod";
import { route, session } from "@/lib/http/route";
import { ZPathId } from "@/lib/input/route-params";
import { listDeliveries, ZDeliveryListQuery } from "@/lib/forwarding/list-deliveries";

export const dynamic = "force-dynamic";

/** GET — a destination's delivery log (newest first, keyset pages), polled by its page. */
export const GET = route(
  {
    auth: session("alerts.forwarding.manage"),
    params: z.object({ destinationId: ZPathId }),
    query: ZDeliveryListQuery,
    notFound: "No such forwarding destination in your organisation.",
  },
  ({ principal, params, query }) => listDeliveries({ principal, destinationId: params.destinationId, query }),
);
