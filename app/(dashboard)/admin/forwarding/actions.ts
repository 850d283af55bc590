"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, topLevelFieldKey, type TActionResult } from "@/lib/actions/run-action";
import { createDestination } from "@/lib/forwarding/create-destination";
import { retryDelivery } from "@/lib/forwarding/retry-delivery";
import { rotateDestinationSecret } from "@/lib/forwarding/rotate-destination-secret";
import { sendTestDelivery } from "@/lib/forwarding/send-test-delivery";
import { setDestinationEnabled } from "@/lib/forwarding/set-destination-enabled";
import { updateDestination } from "@/lib/forwarding/update-destination";
import { parseInput } from "@/lib/input/parse-input";
import { ZPathId } from "@/lib/input/route-params";

// Called directly, not through useActionState: that hook would send its previous state (here, a
// signing secret) back to the server with the next call. A secret travels in one response only.

/** A signing secret just made: shown once in the browser, never again. */
export type TRevealedSecret = { secret: string; destinationName: string; rotated: boolean };

export type TCreateDestinationResult = TActionResult<{ destinationId: string; revealed: TRevealedSecret | null }>;
export type TDestinationActionResult = TActionResult<{ revealed: TRevealedSecret | null }>;

const ZDestinationRef = z.object({ destinationId: ZPathId });
const ZEnabledRequest = z.object({ destinationId: ZPathId, enabled: z.boolean() });
const ZUpdateRequest = z.object({ destinationId: ZPathId, input: z.unknown() });
const ZRetryRequest = z.object({ deliveryId: z.string().regex(/^[1-9]\d{0,18}$/, "Not a delivery id.") });

const revalidate = () => revalidatePath("/admin/forwarding", "layout");

export async function createDestinationAction(input: unknown): Promise<TCreateDestinationResult> {
  return runAction(
    "The destination was not created",
    async (principal) => {
      const { destination, secret } = await createDestination({ principal, input });
      revalidate();
      return {
        destinationId: destination.id,
        revealed: secret ? { secret, destinationName: destination.name, rotated: false } : null,
        message: `Added ${destination.name}. New alerts${destination.eventFilter ? " and matching ledger events" : ""} are forwarded from now on. The ledger records it.`,
      };
    },
    { fieldKey: topLevelFieldKey },
  );
}

export async function updateDestinationAction(request: unknown): Promise<TCreateDestinationResult> {
  return runAction(
    "The destination was not changed",
    async (principal) => {
      const { destinationId, input } = parseInput(ZUpdateRequest, request, "The destination was not changed");
      const destination = await updateDestination({ principal, destinationId, input });
      revalidate();
      return { destinationId: destination.id, revealed: null, message: `Saved ${destination.name}. The ledger records the change.` };
    },
    { fieldKey: topLevelFieldKey },
  );
}

export async function rotateDestinationSecretAction(request: unknown): Promise<TDestinationActionResult> {
  return runAction("The secret was not rotated", async (principal) => {
    const { destinationId } = parseInput(ZDestinationRef, request, "The secret was not rotated");
    const { destination, secret } = await rotateDestinationSecret({ principal, destinationId });
    revalidate();
    return {
      revealed: { secret, destinationName: destination.name, rotated: true },
      message: `Rotated the signing secret of ${destination.name}: every attempt from now on is signed with the new one. The ledger records it.`,
    };
  });
}

export async function setDestinationEnabledAction(request: unknown): Promise<TDestinationActionResult> {
  return runAction("The destination was not changed", async (principal) => {
    const { destinationId, enabled } = parseInput(ZEnabledRequest, request, "The destination was not changed");
    const destination = await setDestinationEnabled({ principal, destinationId, enabled });
    revalidate();
    return {
      revealed: null,
      message: enabled
        ? `Enabled ${destination.name}: it forwards what happens from now on. The ledger records it.`
        : `Disabled ${destination.name}: nothing new is queued for it, and queued deliveries wait. The ledger records it.`,
    };
  });
}

export async function sendTestDeliveryAction(request: unknown): Promise<TDestinationActionResult> {
  return runAction("The test was not sent", async (principal) => {
    const { destinationId } = parseInput(ZDestinationRef, request, "The test was not sent");
    const { destinationName } = await sendTestDelivery({ principal, destinationId });
    revalidate();
    return {
      revealed: null,
      message: `A test finding is queued for ${destinationName}; its result appears in the delivery log within seconds.`,
    };
  });
}

export async function retryDeliveryAction(request: unknown): Promise<TDestinationActionResult> {
  return runAction("The delivery was not retried", async (principal) => {
    const { deliveryId } = parseInput(ZRetryRequest, request, "The delivery was not retried");
    const { destinationName } = await retryDelivery({ principal, deliveryId: BigInt(deliveryId) });
    revalidate();
    return { revealed: null, message: `Delivery ${deliveryId} to ${destinationName} is due again now.` };
  });
}
