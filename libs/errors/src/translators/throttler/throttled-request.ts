import { RATE_LIMITED } from '../../codes/request.codes.js';
import { Translation } from '../translator.js';

/**
 * What @nestjs/throttler's guard knows when it refuses a request (its
 * `ThrottlerLimitDetail`, as far as the answer uses it). `ttl` is in milliseconds,
 * `timeToBlockExpire` in seconds, as the guard counts them.
 */
interface ThrottlerLimitDetail {
  limit?: unknown;
  ttl?: unknown;
  timeToBlockExpire?: unknown;
}

/**
 * The property a throttler guard puts its `ThrottlerLimitDetail` on, so the answer can
 * say the limit. The stock guard throws a `ThrottlerException` with a message only;
 * docs/throttler.md shows the few lines of a guard that attaches the detail.
 */
export const THROTTLER_LIMIT_DETAIL = 'throttlerLimitDetail';

/**
 * @nestjs/throttler's `ThrottlerException` (an HttpException with status 429), known by
 * its class name anywhere on its prototype chain, so that the library needs no import
 * of the throttler and an app's subclass counts too. The name is the throttler's
 * public export, not message text.
 */
export function isThrottlerException(exception: object): boolean {
  for (let type = exception.constructor; typeof type === 'function' && type !== Object;) {
    if (type.name === 'ThrottlerException') return true;
    type = Object.getPrototypeOf(type) as typeof type;
  }
  return false;
}

/**
 * 429 RATE_LIMITED. `details` and `Retry-After` come from the guard's limit detail when
 * it is attached; without it, `details` is null and the `Retry-After` header the stock
 * guard already set on the response stays as it is (as do its `X-RateLimit-*` headers).
 */
export function translateThrottledRequest(exception: object): Translation {
  const detail = (exception as Record<string, unknown>)[THROTTLER_LIMIT_DETAIL] as ThrottlerLimitDetail | undefined;
  const limit = wholeNumber(detail?.limit);
  const ttlMilliseconds = wholeNumber(detail?.ttl);
  const retryAfter = wholeNumber(detail?.timeToBlockExpire);
  if (limit === undefined || ttlMilliseconds === undefined || retryAfter === undefined) {
    return { errors: [RATE_LIMITED.create()] };
  }
  const details = { limit, window_seconds: Math.ceil(ttlMilliseconds / 1000), retry_after_seconds: retryAfter };
  return { errors: [RATE_LIMITED.create({ details })], headers: { 'retry-after': String(retryAfter) } };
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
