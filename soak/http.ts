import { Agent, request as httpRequest } from 'node:http';
import { contractProblem as sharedContractProblem } from '../test/support/contract-problem';

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
 * The contract (test/support/contract-problem.ts), and for a 503 exactly `Retry-After: 1`
 * and `details.retryable: true`. Returns the problem, or undefined.
 */
export function contractProblem(answer: Answer): string | undefined {
  const problem = sharedContractProblem(answer);
  if (problem || answer.status !== 503) return problem;
  if (answer.headers['retry-after'] !== '1') return 'a 503 without Retry-After: 1';
  const [first] = JSON.parse(answer.body) as Array<{ details?: { retryable?: unknown } }>;
  return first.details?.retryable === true ? undefined : 'a 503 not marked retryable';
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
