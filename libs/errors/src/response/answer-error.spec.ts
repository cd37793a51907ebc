import { NotFoundException } from '@nestjs/common';
import { ROUTE_NOT_FOUND } from '../codes/request.codes.js';
import { resolveSettings } from '../errors.settings.js';
import { ErrorRuntime } from '../runtime/error-runtime.js';
import type { ErrorTransport } from '../transports/transport.js';
import type { ErrorAnswer } from './error-answer.js';
import { answerError } from './answer-error.js';

/** A transport whose normal write fails, as a socket closed mid-answer would make it. */
function failingTransport(written: ErrorAnswer[]): ErrorTransport<object, object> {
  return {
    name: 'test',
    requestId: () => 'req-1',
    headers: () => undefined,
    facts: () => ({}),
    existingVary: () => undefined,
    requestLine: () => ({ method: 'GET', path: '/nope' }),
    write: () => {
      throw new Error('socket gone');
    },
    writeLastResort: (_response, answer) => written.push(answer),
  };
}

describe('answerError when the answer itself fails', () => {
  const logged: string[] = [];
  const logger = {
    log: () => undefined,
    warn: () => undefined,
    error: (...parts: unknown[]) => logged.push(parts.map(String).join(' ')),
  };
  beforeEach(() => (logged.length = 0));

  it('answers the minimal 500 and logs the exception built for the log (an unknown route names its NotFoundException)', () => {
    const runtime = ErrorRuntime.create(resolveSettings({ logger, database: false }));
    const written: ErrorAnswer[] = [];
    answerError(
      runtime,
      failingTransport(written),
      undefined,
      {},
      {},
      () => ({ errors: [ROUTE_NOT_FOUND.create({ details: { method: 'GET', path: '/nope' } })] }),
      () => new NotFoundException('Cannot GET /nope'),
    );
    expect(written.map((answer) => answer.status)).toEqual([500]);
    expect(logged.join('\n')).toContain('NotFoundException: Cannot GET /nope');
    expect(logged.join('\n')).toContain('socket gone');
  });
});
