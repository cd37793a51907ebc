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
 * Path keys: valid, violations, malformed, route, notfound, typeerror, conflict, unique.
 * TOP=n prints more frames; KEEP_PROFILE=1 keeps the profiles (one JSON list of slices per side).
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

async function main(): Promise<void> {
  const [adapter = 'express', key = 'route', requests = '3000'] = process.argv.slice(2);
  if (adapter !== 'express' && adapter !== 'fastify') throw new Error(`Unknown adapter ${adapter}`);
  if (!COST_PATHS.some((path) => path.key === key))
    throw new Error(`Unknown path ${key}; one of ${COST_PATHS.map((path) => path.key).join(', ')}`);
  const directory = mkdtempSync(join(tmpdir(), 'bench-cost-profile-'));
  const files = { ours: join(directory, 'ours.cpuprofile'), stock: join(directory, 'stock.cpuprofile') };
  const count = Number(process.env.TOP ?? 25);
  try {
    const reply = await runCostWorker({
      adapter,
      rounds: 0,
      roundMs: 0,
      minRequests: 0,
      warmup: 1000,
      paths: [key],
      profile: { path: key, requests: Number(requests), files },
    });
    if (reply.type !== 'profiled') throw new Error(`Unexpected answer ${reply.type}`);
    const read = (variant: 'ours' | 'stock') =>
      selfTimes(merge(JSON.parse(readFileSync(files[variant], 'utf8'))), reply.requests, reply.cpuMicros[variant]);
    const ours = read('ours');
    const stock = read('stock');
    console.log(`${adapter} / ${key}: ${reply.requests} requests per side\n`);
    console.log(`ours:  ${summarise(ours, count)}\n`);
    console.log(`stock: ${summarise(stock, count)}\n`);
    console.log(difference(ours, stock, count));
    if (process.env.KEEP_PROFILE) console.log(`\nprofiles kept in ${directory}`);
  } finally {
    if (!process.env.KEEP_PROFILE) rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
