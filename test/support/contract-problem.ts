/** An HTTP answer as a raw client sees it. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * What every error answer must be, as a check that returns the problem instead of
 * throwing (for the fuzzer and the soak run, which judge thousands of answers): the JSON
 * content type, a sane `X-Request-Id`, a non-empty array of objects with exactly the four
 * keys, messages that are sentences, four-digit codes, `field` a non-empty string or
 * null, `details` an object or null. A 503 also carries `Retry-After`. A client that
 * asked for `application/problem+json` gets an RFC 9457 object instead, whose `status`
 * is the answer's and whose `errors` hold that same array.
 */
export function contractProblem(answer: RawAnswer): string | undefined {
  const contentType = answer.headers['content-type'];
  const problemJson = contentType === 'application/problem+json; charset=utf-8';
  if (contentType !== 'application/json; charset=utf-8' && !problemJson) return `content type ${String(contentType)}`;
  if (!/^[A-Za-z0-9._:-]{1,128}$/u.test(String(answer.headers['x-request-id'] ?? ''))) return 'no sane request id';
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return 'body is not JSON';
  }
  let body = parsed;
  if (problemJson) {
    const problem = parsed as Record<string, unknown> | null;
    if (problem === null || typeof problem !== 'object' || Array.isArray(problem)) return 'problem is not an object';
    if (problem.status !== answer.status) return `problem status ${String(problem.status)}`;
    for (const key of ['type', 'title', 'detail', 'request_id'] as const) {
      if (typeof problem[key] !== 'string') return `problem ${key}`;
    }
    body = problem.errors;
  }
  if (!Array.isArray(body) || body.length === 0) return 'body is not a non-empty array';
  for (const item of body as unknown[]) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return 'an item is not an object';
    const error = item as Record<string, unknown>;
    if (Object.keys(error).join() !== 'message,error_code,field,details') return `keys ${Object.keys(error).join()}`;
    if (typeof error.message !== 'string' || !/\S\.$/u.test(error.message)) return 'message is not a sentence';
    if (typeof error.error_code !== 'string' || !/^\d{4}$/u.test(error.error_code)) return 'error_code';
    if (error.field !== null && (typeof error.field !== 'string' || error.field === '')) return 'field';
    if (error.details !== null && (typeof error.details !== 'object' || Array.isArray(error.details))) return 'details';
  }
  if (answer.status === 503 && !answer.headers['retry-after']) return 'a 503 without Retry-After';
  return undefined;
}
