import { Agent, request as httpRequest } from 'node:http';

/** One answer as the soak records it; status 0 is a request that got no HTTP answer. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Why there was no answer (socket error, client timeout). */
  error?: string;
}

/**
 * A client far more patient than any bound the soak checks: a request still unanswered
 * after this long is recorded as having no answer (and fails the run).
 */
export const CLIENT_TIMEOUT_MS = 60_000;

/** Keep-alive connections per app process, as a load balancer or a service client keeps them. */
export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 32 });
}

export function send(port: number, method: string, path: string, body: unknown, agent: Agent | false): Promise<Answer> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((done) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        timeout: CLIENT_TIMEOUT_MS,
        headers:
          text === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (incoming) => {
        let received = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (received += chunk));
        incoming.on('end', () => done({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: received }));
        incoming.on('error', (error) => done({ status: 0, headers: {}, body: '', error: error.message }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${CLIENT_TIMEOUT_MS} ms`)));
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      done({ status: 0, headers: {}, body: '', error: error.code ?? error.message }),
    );
    outgoing.end(text);
  });
}

/**
 * What every error answer must be: the JSON content type, a request id, a non-empty
 * array of objects with exactly the four keys, sentences, four-digit codes. A 503 also
 * carries Retry-After and says it is retryable. Returns the problem, or undefined.
 */
export function contractProblem(answer: Answer): string | undefined {
  if (answer.headers['content-type'] !== 'application/json; charset=utf-8') return 'content type';
  if (!/^[A-Za-z0-9._:-]{1,128}$/u.test(String(answer.headers['x-request-id'] ?? ''))) return 'no request id';
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return 'body is not JSON';
  }
  if (!Array.isArray(body) || body.length === 0) return 'body is not a non-empty array';
  for (const item of body as Array<Record<string, unknown>>) {
    if (item === null || typeof item !== 'object') return 'an item is not an object';
    if (Object.keys(item).join() !== 'message,error_code,field,details') return `keys ${Object.keys(item).join()}`;
    if (typeof item.message !== 'string' || !/\S\.$/u.test(item.message)) return 'message is not a sentence';
    if (typeof item.error_code !== 'string' || !/^\d{4}$/u.test(item.error_code)) return 'error_code';
  }
  if (answer.status === 503) {
    if (answer.headers['retry-after'] !== '1') return 'a 503 without Retry-After: 1';
    const [first] = body as Array<{ details?: { retryable?: unknown } }>;
    if (first.details?.retryable !== true) return 'a 503 not marked retryable';
  }
  return undefined;
}

/** The error codes of a contract body (empty when it is not one). */
export function errorCodes(answer: Answer): string[] {
  try {
    const body = JSON.parse(answer.body) as Array<{ error_code?: unknown }>;
    return Array.isArray(body) ? body.map((item) => String(item?.error_code)) : [];
  } catch {
    return [];
  }
}
