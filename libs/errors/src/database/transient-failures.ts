import {
  DATABASE_TIMEOUT,
  DATABASE_UNAVAILABLE,
  DATABASE_READ_ONLY,
  DEADLOCK_DETECTED,
  SERIALIZATION_FAILURE,
} from '../codes/database.codes.js';
import { ErrorCode } from '../codes/error-code.js';
import { Translation } from '../translators/translator.js';
import { QueryFailure } from './failure.js';
import { DatabaseSituation } from './kinds.js';
import { PreparedOptions } from './prepared-options.js';

/** Failures that say nothing about the request: sent again, it can succeed. */
export type TransientSituation = Extract<
  DatabaseSituation,
  'serialization' | 'deadlock' | 'lock-timeout' | 'timeout' | 'unavailable' | 'read-only'
>;

/**
 * A transaction that lost a race (serialization failure, deadlock) is a 409 the client
 * may retry at once. A database that is slow, out of reach or read-only (a standby after
 * a failover) is a 503 with `Retry-After`,
 * logged with the request id the body quotes: it is the operators' problem, not the
 * client's.
 */
export function transientFailure(
  situation: TransientSituation,
  failure: QueryFailure,
  requestId: string,
  options: PreparedOptions,
): Translation {
  switch (situation) {
    case 'serialization':
      return { errors: [options.emit(SERIALIZATION_FAILURE, { field: null, details: { retryable: true } })] };
    case 'deadlock':
      return { errors: [options.emit(DEADLOCK_DETECTED, { field: null, details: { retryable: true } })] };
    case 'lock-timeout':
    case 'timeout':
      return unavailable(DATABASE_TIMEOUT, failure, requestId, options);
    case 'unavailable':
      return unavailable(DATABASE_UNAVAILABLE, failure, requestId, options);
    case 'read-only':
      return unavailable(DATABASE_READ_ONLY, failure, requestId, options);
  }
}

function unavailable(code: ErrorCode, failure: QueryFailure, requestId: string, options: PreparedOptions): Translation {
  const retryAfterSeconds = options.retryAfterSeconds;
  return {
    errors: [
      options.emit(code, {
        field: null,
        details: { request_id: requestId, retry_after_seconds: retryAfterSeconds, retryable: true },
      }),
    ],
    headers: { 'Retry-After': String(retryAfterSeconds) },
    logged: failure.logged,
  };
}
