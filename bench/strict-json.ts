// `npx tsx bench/strict-json.ts`: what reading ingest bodies strictly costs, beside JSON.parse on
// the same text in the same run (interleaved, so both see the same load on a shared machine).
import { parseEventBatch } from "../lib/ingest/parse-event-batch";
import { parseStrictJson } from "../lib/json/parse-strict-json";
import { benchEvent } from "./bench-events";

const runs = Number(process.env.BENCH_ROUNDS ?? 30);
const text = JSON.stringify(Array.from({ length: 5000 }, (_, n) => benchEvent(n)));
const body = Buffer.from(text);
if (JSON.stringify(parseStrictJson(text)) !== JSON.stringify(JSON.parse(text))) throw new Error("parseStrictJson and JSON.parse disagree");

const samples = { native: [] as number[], strict: [] as number[], batch: [] as number[] };
const time = (into: number[], work: () => unknown) => {
  const start = performance.now();
  work();
  into.push(performance.now() - start);
};
for (let run = 0; run < runs + 5; run++) {
  time(samples.native, () => JSON.parse(text));
  time(samples.strict, () => parseStrictJson(text));
  time(samples.batch, () => parseEventBatch(body, "application/json", { maxFutureSkewSeconds: 300 }));
}
// The first runs warm the JIT up.
const stats = (values: number[]) => {
  const sorted = values.slice(5).sort((a, b) => a - b);
  return { best: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
};
const native = stats(samples.native);
const strict = stats(samples.strict);
const batch = stats(samples.batch);
const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(`5,000 events, ${(body.byteLength / 1024 / 1024).toFixed(1)} MiB, ${runs} runs (best / median)`);
console.log(`JSON.parse         ${ms(native.best)} / ${ms(native.median)}`);
console.log(
  `parseStrictJson    ${ms(strict.best)} / ${ms(strict.median)}   ratio ${(strict.best / native.best).toFixed(2)} / ${(strict.median / native.median).toFixed(2)}`,
);
console.log(
  `parseEventBatch    ${ms(batch.best)} / ${ms(batch.median)}   (strict JSON + the event schema, what a request pays before the append)`,
);
