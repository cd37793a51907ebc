import { readFileSync } from 'node:fs';

/** What the runner tells a server process to be (passed as JSON in BENCH_SERVER). */
export interface ServerSpec {
  adapter: 'express' | 'fastify';
  variant: 'ours' | 'stock';
  /** Present for the DB scenario set. */
  database?: DatabaseSpec;
  /** Serve the sample app itself (src/app.module.ts, as src/main.ts builds it) instead of the bench module. */
  sampleApp?: boolean;
}

/** PGlite in the server process (booted from a prepared data directory when given), or a schema on the real server. */
export type DatabaseSpec = { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string; schema: string };

/** Boots PGlite, from the runner's prepared data directory (a tarball) when there is one. */
export function pgliteOptions(spec: { dataDir?: string }): { loadDataDir?: Blob } {
  return spec.dataDir ? { loadDataDir: new Blob([readFileSync(spec.dataDir)]) } : {};
}

/** Runner -> server, over IPC. */
export type ServerRequest =
  | { type: 'heap' }
  | { type: 'cpu' }
  | { type: 'count'; username: string }
  | { type: 'reset' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'exit' };

/** Server -> runner, over IPC. */
export type ServerMessage =
  | { type: 'ready'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'heap'; heapUsed: number }
  | { type: 'cpu'; micros: number }
  | { type: 'count'; rows: number }
  | { type: 'reset' }
  | { type: 'profile-start' }
  | { type: 'profile-stop' }
  | { type: 'exit' };
