import autocannon from 'autocannon';

export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  /** 99th percentile latency, ms. */
  p99: number;
  total: number;
  statuses: Record<string, number>;
  errors: number;
  /** Server CPU time (user + system) per response, microseconds, when measured. */
  cpuPerRequest?: number;
}

/** Drives one server with autocannon for `duration` seconds (or exactly `amount` requests). */
export async function load(
  baseUrl: string,
  calls: readonly HttpCall[],
  options: { connections: number; duration?: number; amount?: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    pipelining: 1,
    ...(options.amount === undefined ? { duration: options.duration } : { amount: options.amount }),
    timeout: 10,
    // A run ends at the first sample after its duration (or amount): sample often so
    // runs last what they should, and short smoke runs stay short.
    sampleInt: 100,
    requests: calls.map((call) => ({
      method: call.method,
      path: call.path,
      ...(call.body === undefined ? {} : { body: call.body, headers: JSON_HEADERS }),
    })),
  });
  const statuses: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = stats.count;
  const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    rps: total / result.duration,
    p99: result.latency.p99,
    total,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

/** Throws unless every response had one of the expected statuses and nothing failed. */
export function assertStatuses(label: string, result: LoadResult, expected: readonly number[]): void {
  const unexpected = Object.keys(result.statuses).filter((status) => !expected.includes(Number(status)));
  if (unexpected.length > 0 || result.errors > 0 || result.total === 0) {
    throw new Error(
      `${label}: expected only ${expected.join('/')}, got ${JSON.stringify(result.statuses)} and ${result.errors} errors/timeouts`,
    );
  }
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

export async function send(baseUrl: string, call: HttpCall): Promise<Reply> {
  const response = await fetch(baseUrl + call.path, {
    method: call.method,
    headers: call.body === undefined ? undefined : JSON_HEADERS,
    body: call.body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The wire contract (docs/design.md); returns a problem description, or undefined when the reply conforms. */
export function contractProblem(reply: Reply): string | undefined {
  if (reply.headers.get('content-type') !== 'application/json; charset=utf-8') return 'content type';
  if (!/^[A-Za-z0-9._:-]{1,128}$/u.test(reply.headers.get('x-request-id') ?? '')) return 'no request id';
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return 'not JSON';
  }
  if (!Array.isArray(body) || body.length === 0) return 'not a non-empty array';
  for (const item of body as Array<Record<string, unknown>>) {
    if (Object.keys(item).join() !== 'message,error_code,field,details') return `keys ${Object.keys(item).join()}`;
    if (typeof item.message !== 'string' || !/\S\.$/u.test(item.message)) return 'message';
    if (typeof item.error_code !== 'string' || !/^\d{4}$/u.test(item.error_code)) return 'error_code';
  }
  return undefined;
}
