/**
 * The cost meter's method (BENCHMARKS.md, "How the cost meter measures") for any number
 * of sides: the sides take turns one request at a time (each taking each place in turn),
 * each request timed on its own in process CPU time, and each side summed up per round
 * by its median request. Used by `bench:scale`; `bench:cost` has its own copy with the
 * profile and the status checks of its two or three sides.
 */
export interface RotationSettings {
  rounds: number;
  /** About how much CPU time one side spends in one round, ms. */
  roundMs: number;
  /** At least this many requests per side in a round. */
  minRequests: number;
  /** Requests per side before anything is measured. */
  warmup: number;
}

/** One request of a side; resolves when it has been answered (and checked). */
export type Request = () => Promise<unknown>;

const gcFunction = (globalThis as { gc?: (options?: object) => void }).gc;
/** A scavenge of the young generation, so a round does not pay for the previous one's garbage. */
const minorGc = () => gcFunction?.({ type: 'minor', execution: 'sync' });

/** What timing one request adds to its own sample (two process.cpuUsage() calls), us. */
export function timerCost(): number {
  const calls = 20_000;
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) process.cpuUsage(process.cpuUsage());
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / calls;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median request of each side in each round, us of CPU (the timer's cost taken off). */
export async function rotate(
  sides: Readonly<Record<string, Request>>,
  settings: RotationSettings,
): Promise<Record<string, number[]>> {
  const names = Object.keys(sides);
  const timer = timerCost();
  let spent = 0;
  for (const name of names) {
    for (let i = 0; i < settings.warmup; i++) await sides[name]();
    const before = process.cpuUsage();
    for (let i = 0; i < settings.minRequests; i++) await sides[name]();
    const used = process.cpuUsage(before);
    spent += used.user + used.system;
  }
  const perRequest = spent / (names.length * settings.minRequests);
  const requests = Math.max(settings.minRequests, Math.round((settings.roundMs * 1000) / perRequest));
  const medians: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < settings.rounds; round++) {
    minorGc();
    const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    for (let i = 0; i < requests; i++) {
      const first = (i + round) % names.length;
      for (let turn = 0; turn < names.length; turn++) {
        const name = names[(first + turn) % names.length];
        const before = process.cpuUsage();
        await sides[name]();
        const used = process.cpuUsage(before);
        samples[name].push(used.user + used.system - timer);
      }
    }
    for (const name of names) medians[name].push(medianOf(samples[name]));
  }
  return medians;
}
