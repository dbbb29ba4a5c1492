import { createRequire } from 'node:module';

/*
 * A command about to hold the whole journal (every entry of a log, every record of the front
 * matter cache) keeps V8's young generation at its start size. V8 grows it, up to 32 MiB, when
 * most new objects live on, which is what a listing's objects do: they are kept to the end.
 * The growth bought no speed in a whole log (paired runs: 1.00× at 10,000 and at 50,000
 * entries) and cost 25 MiB of the peak (99 → 73 MiB at 10,000 entries). node:v8 is loaded only
 * then: loading it costs a few milliseconds, which a short command would pay for nothing.
 * The flag is one V8 reads each time the young generation would grow, so setting it while
 * node runs takes effect from then on.
 */
const load = createRequire(import.meta.url);
let kept = false;

/** From now on, the young generation does not grow: for a command that keeps many objects. */
export function keepYoungGenerationSmall(): void {
  if (kept) return;
  kept = true;
  (load('node:v8') as typeof import('node:v8')).setFlagsFromString('--semi-space-growth-factor=1');
}
