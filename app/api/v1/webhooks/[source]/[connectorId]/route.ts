import { z } from "zod";
import { publicAccess, route } from "@/lib/http/route";
import { webhookKinds } from "@/lib/connectors/connector-vocabulary";
import { receiveDelivery } from "@/lib/connectors/receive-delivery";

export const dynamic = "force-dynamic";

const ZParams = z.object({ source: z.enum(webhookKinds), connectorId: z.string().regex(/^[a-z0-9]{10,40}$/) });

/**
 * A registry's webhook delivery (MLflow, Hugging Face, JFrog, Standard Webhooks). No session or
 * token: the delivery's signature (or shared secret) is the authentication, checked against the
 * connector's secret. The body is read here, size-capped, so even a refused one is logged.
 */
export const POST = route(
  { auth: publicAccess, params: ZParams, notFound: "There is no such connector; check the webhook URL." },
  async ({ params, request }) => {
    const { status, answer } = await receiveDelivery({ kind: params.source, connectorId: params.connectorId, request });
    return Response.json(answer, { status });
  },
);
