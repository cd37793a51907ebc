import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COST_PATHS } from './cost-paths';
import { runCostWorker } from './cost-run';
import { difference, selfTimes, summarise } from './profile';

/**
 * CPU profile of ours and of stock on one path of the cost meter, injected in one
 * process as `npm run bench:cost` does: after the warm-up, the inspector's sampling
 * profiler runs around alternating slices of ours and stock requests (the machine's
 * load then weighs on both alike), and the samples are summarised per function and
 * package, in microseconds of CPU per request:
 *
 *     npm run bench:cost:profile -- <express|fastify> <path key> [requests]
 *
 * Path keys: valid, violations, zod, malformed, route, notfound, typeerror, conflict, unique,
 * unique-mariadb, gql-violations, gql-notfound. The last line is the library's own share
 * of ours' CPU. TOP=n prints more frames; KEEP_PROFILE=1 keeps the profiles (one JSON
 * list of slices per side). `npm run bench:cost:profile -- --shares` profiles every path
 * on both adapters and prints that share as a Markdown table (REQUESTS=n per side).
 */
type Profile = Parameters<typeof selfTimes>[0];

/** One profile of several slices: node ids renumbered so they stay unique. */
function merge(profiles: Profile[]): Profile {
  const merged: Profile = { nodes: [], samples: [], timeDeltas: [] };
  let offset = 0;
  for (const profile of profiles) {
    let highest = 0;
    for (const node of profile.nodes) {
      merged.nodes.push({ ...node, id: node.id + offset });
      highest = Math.max(highest, node.id);
    }
    for (const sample of profile.samples) merged.samples.push(sample + offset);
    for (const delta of profile.timeDeltas) merged.timeDeltas.push(delta);
    offset += highest + 1;
  }
  return merged;
}

/** The library's own frames (its package's files, built or installed) in one side's profile. */
function libraryShare(times: ReturnType<typeof selfTimes>): number {
  let own = 0;
  for (const [name, value] of times.packages) {
    if (isLibrary(name)) own += value;
  }
  return own;
}

function isLibrary(location: string): boolean {
  return location.includes('libs/errors') || location.includes('nest-error-contract');
}

/** One path on one adapter, profiled after the warm-up: ours' and stock's self times. */
async function profilePath(adapter: 'express' | 'fastify', key: string, requests: number, directory: string) {
  const files = { ours: join(directory, 'ours.cpuprofile'), stock: join(directory, 'stock.cpuprofile') };
  const reply = await runCostWorker({
    adapter,
    rounds: 0,
    roundMs: 0,
    minRequests: 0,
    warmup: 1000,
    paths: [key],
    profile: { path: key, requests, files },
  });
  if (reply.type !== 'profiled') throw new Error(`Unexpected answer ${reply.type}`);
  const read = (variant: 'ours' | 'stock') =>
    selfTimes(merge(JSON.parse(readFileSync(files[variant], 'utf8'))), reply.requests, reply.cpuMicros[variant]);
  return { requests: reply.requests, ours: read('ours'), stock: read('stock') };
}

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;

/**
 * `--shares`: every path on both adapters, profiled in turn, as one Markdown table of the
 * library's own share of ours' CPU (the self time of its own functions). The profiler's
 * overhead inflates the microseconds, about alike for every frame, so the share holds
 * where the microseconds do not.
 */
async function shares(requests: number, directory: string): Promise<void> {
  console.log("| path | adapter | the library's own frames, share of ours' CPU | its largest frames |");
  console.log('|---|---|---|---|');
  for (const path of COST_PATHS) {
    for (const adapter of ['express', 'fastify'] as const) {
      const { ours } = await profilePath(adapter, path.key, requests, directory);
      const largest = [...ours.frames]
        .filter(([name]) => isLibrary(name))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([name, value]) => `\`${name.split('  ')[0]}\` ${percent(value, ours.total)}`);
      console.log(`| ${path.name} | ${adapter} | ${percent(libraryShare(ours), ours.total)} | ${largest.join(', ')} |`);
    }
  }
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-cost-profile-'));
  try {
    if (process.argv.includes('--shares')) {
      await shares(Number(process.env.REQUESTS ?? 3000), directory);
      return;
    }
    const [adapter = 'express', key = 'route', requests = '3000'] = process.argv.slice(2);
    if (adapter !== 'express' && adapter !== 'fastify') throw new Error(`Unknown adapter ${adapter}`);
    if (!COST_PATHS.some((path) => path.key === key))
      throw new Error(`Unknown path ${key}; one of ${COST_PATHS.map((path) => path.key).join(', ')}`);
    const count = Number(process.env.TOP ?? 25);
    const { requests: done, ours, stock } = await profilePath(adapter, key, Number(requests), directory);
    console.log(`${adapter} / ${key}: ${done} requests per side\n`);
    console.log(`ours:  ${summarise(ours, count)}\n`);
    console.log(`stock: ${summarise(stock, count)}\n`);
    console.log(difference(ours, stock, count));
    const own = libraryShare(ours);
    console.log(
      `\nthe library's own frames: ${own.toFixed(2)} us of ours' ${ours.total.toFixed(2)} us per request (${percent(own, ours.total)})`,
    );
    if (process.env.KEEP_PROFILE) console.log(`\nprofiles kept in ${directory}`);
  } finally {
    if (!process.env.KEEP_PROFILE) rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
