import { z } from "zod";
import { route, sessionOrToken } from "@/lib/http/route";
import { importFromRequest } from "@/lib/connectors/imports/import-from-request";

export const dynamic = "force-dynamic";

const ZParams = z.object({ connectorId: z.string().regex(/^[a-z0-9]{10,40}$/) });
const ZQuery = z.object({
  /** The upload's name: a retry under the same name resumes where the last one stopped. */
  name: z
    .string()
    .regex(/^[\w.\-]{1,200}$/, "a file name of letters, digits, . _ and -")
    .optional(),
  restart: z.enum(["true", "false"]).optional(),
});

/**
 * Imports one log file through a CloudTrail or W&B connector: the body is streamed (JSON, gzip or
 * JSON lines), never held whole. An imports:write token, or a session with connectors.manage.
 */
export const POST = route(
  { auth: sessionOrToken("imports:write", "connectors.manage"), params: ZParams, query: ZQuery, notFound: "There is no such connector." },
  async ({ caller, params, query, request }) => {
    const summary = await importFromRequest({
      caller,
      connectorId: params.connectorId,
      name: query.name,
      restart: query.restart === "true",
      request,
    });
    return Response.json(summary, { status: 201 });
  },
);
