import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { BUILTIN_CODES } from '../../codes/builtin-codes.js';
import { ErrorCodeRegistry } from '../../codes/registry.js';
import { translateFrameworkError } from '../framework.translator.js';
import { TranslationContext } from '../translator.js';

const context: TranslationContext = {
  requestId: 'req-1',
  registry: new ErrorCodeRegistry().register(BUILTIN_CODES, 'library'),
  bodyMediaTypes: ['application/json'],
  request: { method: 'POST', path: '/users', routeMatched: true },
};

describe('translateFrameworkError: @nestjs/throttler', () => {
  it('answers the stock ThrottlerException with RATE_LIMITED and no details (it carries no numbers)', () => {
    expect(translateFrameworkError(new ThrottlerException(), context)).toEqual({
      errors: [
        {
          status: 429,
          error: {
            message: 'Too many requests. Try again after the time in Retry-After.',
            error_code: '1060',
            field: null,
            details: null,
          },
        },
      ],
    });
  });

  it('says the limit, the window and the wait when the guard attached its limit detail', () => {
    const exception = Object.assign(new ThrottlerException(), {
      throttlerLimitDetail: { limit: 5, ttl: 60_000, timeToBlockExpire: 42, key: 'k', tracker: '1.2.3.4' },
    });
    expect(translateFrameworkError(exception, context)).toEqual({
      errors: [
        {
          status: 429,
          error: {
            message: 'Too many requests. Try again after the time in Retry-After.',
            error_code: '1060',
            field: null,
            details: { limit: 5, window_seconds: 60, retry_after_seconds: 42 },
          },
        },
      ],
      headers: { 'retry-after': '42' },
    });
  });

  it('recognises a subclass of ThrottlerException, and ignores a detail that is not whole numbers', () => {
    class QuotaExceeded extends ThrottlerException {}
    const exception = Object.assign(new QuotaExceeded(), {
      throttlerLimitDetail: { limit: '5', ttl: 60_000, timeToBlockExpire: -1 },
    });
    const translation = translateFrameworkError(exception, context);
    expect(translation?.errors.map((item) => [item.status, item.error.error_code, item.error.details])).toEqual([
      [429, '1060', null],
    ]);
    expect(translation?.headers).toBeUndefined();
  });

  it('keeps HTTP_TOO_MANY_REQUESTS for a 429 HttpException that is not the throttler', () => {
    const translation = translateFrameworkError(new HttpException('Slow down.', HttpStatus.TOO_MANY_REQUESTS), context);
    expect(translation?.errors.map((item) => item.error)).toEqual([
      { message: 'Slow down.', error_code: '1429', field: null, details: null },
    ]);
  });
});
