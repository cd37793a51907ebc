import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DUPLICATE_BODY, INVALID_BODY, VALID_BODY } from './apps';
import { HttpCall, load } from './load';
import { BenchProcess, REPOSITORY_ROOT } from './processes';
import type { ServerSpec } from './protocol';

/**
 * Profiles one server under one scenario and prints its top self-time frames:
 *
 *     node -r @swc-node/register bench/profile.ts <express|fastify> <ours|stock|diff> <201|400|404|500|409> [seconds] [pglite|postgres-url]
 *
 * `diff` profiles ours, then stock, and prints where ours spends more per request.
 * The server is warmed up, then profiled through the inspector during the measured load
 * only; the profile is summarised per function and per package (libs/errors, @nestjs,
 * class-validator...), then deleted (KEEP_PROFILE=1 keeps it, for Chrome DevTools).
 */
const CALLS: Record<string, HttpCall> = {
  '201': { method: 'POST', path: '/users', body: VALID_BODY },
  '400': { method: 'POST', path: '/users', body: INVALID_BODY },
  '404': { method: 'GET', path: '/no/such/route' },
  '500': { method: 'GET', path: '/boom' },
  '409': { method: 'POST', path: '/db/users', body: DUPLICATE_BODY },
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  const path = url.replace(/^file:\/\//u, '');
  if (path === '') return '';
  const modules = path.lastIndexOf('node_modules/');
  if (modules !== -1) return path.slice(modules + 'node_modules/'.length);
  return path.startsWith('/') ? relative(REPOSITORY_ROOT, path) : path;
}

function packageOf(url: string): string {
  const path = where(url);
  if (path === '') return '(vm / native)';
  if (path.startsWith('node:')) return 'node core';
  if (path.startsWith('libs/errors/')) return path.split('/').slice(0, 4).join('/');
  if (path.startsWith('bench/') || path.startsWith('src/')) return 'app (bench)';
  const parts = path.split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Self time per frame and per package, in microseconds of server CPU per request: each
 * frame's share of the (non-idle) samples times the CPU time the process really used
 * (process.cpuUsage), so time the process spent descheduled on a busy machine is not
 * counted as its own.
 */
export function selfTimes(
  profile: CpuProfile,
  requests: number,
  cpuMicros: number,
): { frames: Map<string, number>; packages: Map<string, number>; total: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const frames = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const delta = 1;
    if (!node || node.callFrame.functionName === '(idle)') continue;
    const frame = node.callFrame;
    total += delta;
    const key = `${frame.functionName || '(anonymous)'}  ${where(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    frames.set(key, (frames.get(key) ?? 0) + delta);
    const pkg = packageOf(frame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + delta);
  }
  const scale = cpuMicros / requests / total;
  for (const map of [frames, packages]) for (const [key, value] of map) map.set(key, value * scale);
  return { frames, packages, total: cpuMicros / requests };
}

const us = (value: number): string => `${value >= 0 ? ' ' : ''}${value.toFixed(2).padStart(6)} us`;

function top(map: Map<string, number>, count: number): Array<[string, number]> {
  return [...map].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, count);
}

export function summarise(times: ReturnType<typeof selfTimes>, count = 30): string {
  const lines = [`CPU time per request ${us(times.total)}; top self-time frames (us per request):`];
  for (const [key, value] of top(times.frames, count)) lines.push(`  ${us(value)}  ${key}`);
  lines.push('self time by package (us per request):');
  for (const [key, value] of top(times.packages, 15)) lines.push(`  ${us(value)}  ${key}`);
  return lines.join('\n');
}

/** ours minus stock, per request: where the difference goes. */
export function difference(
  ours: ReturnType<typeof selfTimes>,
  stock: ReturnType<typeof selfTimes>,
  count = 30,
): string {
  const minus = (a: Map<string, number>, b: Map<string, number>) => {
    const result = new Map(a);
    for (const [key, value] of b) result.set(key, (result.get(key) ?? 0) - value);
    return result;
  };
  return summarise(
    {
      frames: minus(ours.frames, stock.frames),
      packages: minus(ours.packages, stock.packages),
      total: ours.total - stock.total,
    },
    count,
  ).replace('CPU time per request', 'ours minus stock: CPU time per request');
}

async function profileOne(
  spec: ServerSpec,
  call: HttpCall,
  seconds: number,
  directory: string,
): Promise<ReturnType<typeof selfTimes>> {
  const file = join(directory, `${spec.variant}.cpuprofile`);
  const server = await BenchProcess.server(spec);
  let requests = 0;
  let cpuMicros = 0;
  try {
    await load(server.url, [call], { connections: 32, duration: 2 }); // warm-up, not profiled
    await server.ask({ type: 'profile-start' });
    const cpuBefore = await server.cpuMicros();
    const result = await load(server.url, [call], { connections: 32, duration: seconds });
    cpuMicros = (await server.cpuMicros()) - cpuBefore;
    await server.ask({ type: 'profile-stop', file });
    requests = result.total;
    console.log(
      `${spec.adapter}/${spec.variant}: ${Math.round(result.rps)} req/s, statuses ${JSON.stringify(result.statuses)}`,
    );
  } finally {
    await server.stop();
  }
  return selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, requests, cpuMicros);
}

async function main(): Promise<void> {
  const [adapter = 'fastify', variant = 'ours', scenario = '400', seconds = '5', database] = process.argv.slice(2);
  const call = CALLS[scenario];
  if (!call) throw new Error(`Unknown scenario ${scenario}; one of ${Object.keys(CALLS).join(', ')}`);
  const directory = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const spec: ServerSpec = {
    adapter: adapter as ServerSpec['adapter'],
    variant: variant === 'diff' ? 'ours' : (variant as ServerSpec['variant']),
    ...(scenario === '409'
      ? {
          database: database?.startsWith('postgres')
            ? { kind: 'postgres' as const, url: database, schema: `profile_${process.pid}` }
            : { kind: 'pglite' as const },
        }
      : {}),
  };
  const count = Number(process.env.TOP ?? 30);
  if (variant === 'diff') {
    const ours = await profileOne({ ...spec, variant: 'ours' }, call, Number(seconds), directory);
    const stock = await profileOne({ ...spec, variant: 'stock' }, call, Number(seconds), directory);
    console.log(summarise(ours, count));
    console.log(summarise(stock, count));
    console.log(difference(ours, stock, count));
  } else {
    console.log(summarise(await profileOne(spec, call, Number(seconds), directory), count));
  }
  if (process.env.KEEP_PROFILE) console.log(`profiles kept in ${directory}`);
  else rmSync(directory, { recursive: true, force: true });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
