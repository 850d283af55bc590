import "server-only";
import type { Db } from "@/lib/db";
import { claimDeliveries, type TClaimedDelivery } from "./claim-deliveries";
import { enqueueDeliveries } from "./enqueue-deliveries";
import { finishAttempt, releaseLapsedClaims } from "./finish-attempt";
import { forwardingSecretBox } from "./forwarding-secret";
import { sendMessage, type TSendTarget } from "./send-message";

export type TForwarderSettings = {
  /** Hard limit of one attempt; past it the attempt fails. */
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** Attempts in flight per destination. */
  concurrency: number;
};

type TForwarderOptions = {
  client: Db;
  /** The server's key material (as the web server's): opens webhook secrets. */
  keyMaterial: string;
  settings: TForwarderSettings;
  publicUrl?: string;
  orgId?: string;
  tickMs?: number;
  log: (line: string) => void;
};

/**
 * The forwarder: every tick it releases lapsed claims, queues what is new, and starts due
 * attempts per destination without waiting for them, so a destination that hangs holds only its
 * own slots (at most `concurrency`, each for at most the timeout) and never delays the others.
 */
export function startForwarder({ client, keyMaterial, settings, publicUrl, orgId, tickMs = 1000, log }: TForwarderOptions) {
  const box = forwardingSecretBox(keyMaterial);
  const inFlight = new Map<string, Set<Promise<void>>>();
  const leaseMs = settings.timeoutMs + 30_000;
  let stopped = false;
  let ticking: Promise<void> | null = null;

  const attempt = async (target: TSendTarget, delivery: TClaimedDelivery) => {
    const startedAt = new Date();
    const started = performance.now();
    const result = await sendMessage({
      target,
      timeoutMs: settings.timeoutMs,
      message: { ...delivery, severity: delivery.severity ?? "info" },
    }).catch((error: unknown) => ({
      ok: false,
      statusCode: null,
      responseExcerpt: null,
      error: `Unexpected: ${String(error).slice(0, 300)}`,
    }));
    const outcome = await finishAttempt({
      client,
      delivery,
      result,
      startedAt,
      latencyMs: performance.now() - started,
      maxAttempts: settings.maxAttempts,
      retryBaseMs: settings.retryBaseMs,
    });
    if (outcome === "dead") log(`forwarding: delivery ${delivery.id} dead-lettered after ${delivery.attempts} attempts (${result.error})`);
  };

  const tick = async () => {
    await releaseLapsedClaims({ client, maxAttempts: settings.maxAttempts });
    await enqueueDeliveries({ client, orgId, publicUrl });
    const destinations = await client.forwardDestination.findMany({
      where: { enabled: true, ...(orgId ? { orgId } : {}) },
      select: { id: true, kind: true, endpoint: true, secretSealed: true, tlsCaPem: true, tlsServerName: true },
    });
    for (const destination of destinations) {
      const target: TSendTarget = {
        kind: destination.kind,
        endpoint: destination.endpoint,
        secret: destination.secretSealed ? box.open(destination.secretSealed) : null,
        tlsCaPem: destination.tlsCaPem,
        tlsServerName: destination.tlsServerName,
      };
      if (destination.secretSealed && target.secret === null)
        log(`forwarding: the signing secret of destination ${destination.id} cannot be opened (the key material changed?); rotate it.`);
      targets.set(destination.id, target);
      await pump(destination.id);
    }
  };

  // Fills a destination's free slots with due deliveries; each finished attempt pumps again, so a
  // backlog drains at the receiver's pace rather than one batch per tick.
  const targets = new Map<string, TSendTarget>();
  const pumping = new Map<string, Promise<void>>();
  const pump = (destinationId: string): Promise<void> => {
    const running = pumping.get(destinationId);
    if (running) return running;
    const work = fill(destinationId).finally(() => pumping.delete(destinationId));
    pumping.set(destinationId, work);
    return work;
  };
  const fill = async (destinationId: string) => {
    const target = targets.get(destinationId);
    const running = inFlight.get(destinationId) ?? new Set();
    inFlight.set(destinationId, running);
    const room = settings.concurrency - running.size;
    if (!target || room <= 0 || stopped) return;
    const claimed = await claimDeliveries({ client, destinationId, concurrency: room, leaseMs });
    for (const delivery of claimed) {
      const work: Promise<void> = attempt(target, delivery)
        .catch((error: unknown) => log(`forwarding: delivery ${delivery.id}: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          running.delete(work);
          if (!stopped)
            void pump(destinationId).catch((error: unknown) =>
              log(`forwarding: ${error instanceof Error ? error.message : String(error)}`),
            );
        });
      running.add(work);
    }
  };

  const runTick = () => {
    if (stopped || ticking) return ticking ?? Promise.resolve();
    ticking = tick()
      .catch((error: unknown) => log(`forwarding: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        ticking = null;
      });
    return ticking;
  };
  const timer = setInterval(() => void runTick(), tickMs);
  void runTick();

  const settled = async () => {
    await ticking;
    while (pumping.size > 0 || [...inFlight.values()].some((set) => set.size > 0)) {
      await Promise.allSettled([...pumping.values(), ...[...inFlight.values()].flatMap((set) => [...set])]);
    }
  };
  return {
    /** Runs one tick now (or joins the running one). */
    tick: runTick,
    /** Resolves when the current tick and every attempt it started have finished. */
    settled,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await settled();
    },
  };
}
