import { ZControlQuery } from "@/lib/controls/control-query";
import { getControlDetail } from "@/lib/controls/get-control-detail";
import { route, session } from "@/lib/http/route";
import { ZControlParams } from "@/lib/input/route-params";

export const dynamic = "force-dynamic";

/** GET ?team=<id> — one control: its tests with 90 days of history, the rows failing now, and the figures per team. */
export const GET = route(
  { auth: session("controls.view"), params: ZControlParams, notFound: "There is no such control.", query: ZControlQuery },
  async ({ principal, params, query }) => {
    const detail = await getControlDetail({ principal, controlKey: params.controlKey, teamId: query.team ?? null });
    // The owner picker's list of people is for the page's form, not the API.
    return { ...detail, people: undefined };
  },
);
