import pg from "pg";

export type TQueueWorker = { stop: () => Promise<void> };

/**
 * Drains a queue one item at a time in this process: `takeOne` claims and handles the next item
 * and says whether there was one; when there was none the worker sleeps until NOTIFY on `channel`
 * or `pollEveryMs`, whichever comes first (it polls because a notification is lost while the
 * database restarts). A notification that arrives while an item is being handled is not slept
 * through, and a broken listening connection is replaced on the next turn. `stop` lets the item
 * in hand finish.
 */
export async function startNotifiedQueueWorker({
  name,
  url,
  channel,
  takeOne,
  log,
  pollEveryMs,
}: {
  /** How the worker's log lines begin ("evidence jobs"). */
  name: string;
  /** The database to LISTEN on. */
  url: string;
  channel: string;
  takeOne: () => Promise<boolean>;
  log: (line: string) => void;
  pollEveryMs: number;
}): Promise<TQueueWorker> {
  let stopped = false;
  let wake: () => void = () => {};
  // Set by a notification that arrives while an item is under way, so it is not slept through.
  let notified = false;
  let listener: pg.Client | null = null;
  const listen = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("notification", () => {
      notified = true;
      wake();
    });
    client.on("error", (error) => {
      log(`${name}: listener ${error.message}`);
      if (listener === client) listener = null;
    });
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    listener = client;
  };
  await listen();
  const loop = (async () => {
    while (!stopped) {
      try {
        notified = false;
        if (!listener) await listen();
        if (await takeOne()) continue;
      } catch (error) {
        log(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (notified || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollEveryMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake();
      await loop;
      await listener?.end().catch(() => {});
    },
  };
}
