import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { BUILTIN_CODES } from '../codes/builtin-codes.js';
import { ErrorCodeRegistry } from '../codes/registry.js';
import { frameworkTranslator, isRaisedBeforeRouting } from './framework.translator.js';

const translateFrameworkError = frameworkTranslator(['application/json']);
import { TranslationContext } from './translator.js';

const context: TranslationContext = {
  requestId: 'req-1',
  registry: new ErrorCodeRegistry().register(BUILTIN_CODES, 'library'),
  request: { method: 'GET', path: '/x', routeMatched: true },
};

/** Shapes the way body-parser's http-errors and Fastify's errors look (their real fields). */
const bodyParserError = (type: string, extra: object = {}) =>
  Object.assign(new Error('raw parser text'), { type, expose: true, statusCode: 400, ...extra });
const fastifyError = (code: string, statusCode: number) =>
  Object.assign(new Error('raw fastify text'), { code, statusCode });

describe('translateFrameworkError', () => {
  it('ignores what is not a framework error', () => {
    expect(translateFrameworkError(new TypeError('x'), context)).toBeUndefined();
    expect(translateFrameworkError('string', context)).toBeUndefined();
    expect(translateFrameworkError(null, context)).toBeUndefined();
    expect(translateFrameworkError(fastifyError('FST_ERR_SOMETHING', 500), context)).toBeUndefined();
  });

  it("answers Nest's grouped validation format one error per message, under its path, skipping '...'", () => {
    const grouped = new BadRequestException({
      message: { email: ['email must be an email'], 'profile.links.0.url': ['a', 'b'], '...': ['more left out'] },
      error: 'Bad Request',
      statusCode: 400,
    });
    expect(
      translateFrameworkError(grouped, context)?.errors.map((item) => [item.error.field, item.error.message]),
    ).toEqual([
      ['email', 'Email must be an email.'],
      ['profile.links.0.url', 'A.'],
      ['profile.links.0.url', 'B.'],
      [null, 'More left out.'],
    ]);
  });

  it('uses the wrapped body-parser error Nest puts in `cause`', () => {
    const wrapped = new PayloadTooLargeException('request entity too large', {
      cause: bodyParserError('entity.too.large', { statusCode: 413, limit: 1024 }),
    });
    expect(translateFrameworkError(wrapped, context)?.errors).toEqual([
      {
        status: 413,
        error: {
          message: 'The request body is larger than the server accepts.',
          error_code: '1003',
          field: null,
          details: { limit_bytes: 1024 },
        },
      },
    ]);
  });

  it.each([
    ['entity.parse.failed', '1002'],
    ['charset.unsupported', '1006'],
    ['encoding.unsupported', '1415'],
    ['request.aborted', '1008'],
  ])('classifies body-parser type %s as %s (wrapped by Nest, as it arrives)', (type, code) => {
    const wrapped = new BadRequestException('raw parser text', { cause: bodyParserError(type) });
    expect(translateFrameworkError(wrapped, context)?.errors[0].error.error_code).toBe(code);
  });

  it.each([
    ['Z_DATA_ERROR', 'incorrect header check'],
    ['Z_BUF_ERROR', 'unexpected end of file'],
    ['ERR_BROTLI_DECOMPRESSION_FAILED', 'Decompression failed'],
  ])("answers zlib's %s with 1400 in the library's words, never zlib's", (code, zlibText) => {
    const zlibError = Object.assign(new Error(zlibText), { code, errno: -3, status: 400, statusCode: 400 });
    const wrapped = new BadRequestException(zlibText, { cause: zlibError });
    expect(translateFrameworkError(wrapped, context)?.errors.map((item) => item.error)).toEqual([
      {
        message: 'The request body could not be decoded with the Content-Encoding it names.',
        error_code: '1400',
        field: null,
        details: null,
      },
    ]);
  });

  it("answers an upload the client cut short (Fastify passes Node's ECONNRESET on) like Express's request.aborted", () => {
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    const request = { method: 'POST', path: '/users', routeMatched: true };
    expect(
      translateFrameworkError(aborted, { ...context, request: { ...request, aborted: true } })?.errors.map(
        (item) => item.error.error_code,
      ),
    ).toEqual(['1008']);
    // A reset connection to another service, while the client is still there, is the server's failure.
    expect(translateFrameworkError(aborted, { ...context, request })).toBeUndefined();
  });

  it('answers a QUERY without Content-Type on Fastify, when no route matched, as no route matching', () => {
    const error = Object.assign(new Error('x'), { code: 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE', statusCode: 400 });
    const request = { method: 'QUERY', path: '/users', routeMatched: false };
    expect(translateFrameworkError(error, { ...context, request })?.errors.map((item) => item.error)).toEqual([
      {
        message: 'No route matches QUERY /users.',
        error_code: '1001',
        field: null,
        details: { method: 'QUERY', path: '/users' },
      },
    ]);
  });

  it('answers the same error on a route that takes QUERY as a malformed request (RFC 10008)', () => {
    const error = Object.assign(new Error('x'), { code: 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE', statusCode: 400 });
    const request = { method: 'QUERY', path: '/search', routeMatched: true };
    expect(translateFrameworkError(error, { ...context, request })?.errors.map((item) => item.error)).toEqual([
      { message: 'The request is malformed.', error_code: '1008', field: null, details: null },
    ]);
  });

  it('tells the filter which errors were raised before routing, as Fastify raises them or wrapped by Nest', () => {
    const error = Object.assign(new Error('x'), { code: 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE', statusCode: 400 });
    expect(isRaisedBeforeRouting(error)).toBe(true);
    expect(isRaisedBeforeRouting(new HttpException('Bad Request', 400, { cause: error }))).toBe(true);
    expect(isRaisedBeforeRouting(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }))).toBe(
      false,
    );
    expect(isRaisedBeforeRouting(new NotFoundException())).toBe(false);
    expect(isRaisedBeforeRouting(null)).toBe(false);
    expect(isRaisedBeforeRouting('FST_ERR_ROUTE_MISSING_CONTENT_TYPE')).toBe(false);
  });

  it('does not claim a bare http-errors object or URIError thrown by app code', () => {
    expect(translateFrameworkError(bodyParserError('entity.parse.failed'), context)).toBeUndefined();
    expect(translateFrameworkError(new URIError('URI malformed'), context)).toBeUndefined();
  });

  it('tells valid JSON that is not an object from malformed JSON (Express strict mode)', () => {
    const strict = new BadRequestException('x', { cause: bodyParserError('entity.parse.failed', { body: 'null' }) });
    expect(translateFrameworkError(strict, context)?.errors[0].error.error_code).toBe('2001');
    const broken = new BadRequestException('x', { cause: bodyParserError('entity.parse.failed', { body: '{"a":' }) });
    expect(translateFrameworkError(broken, context)?.errors[0].error.error_code).toBe('1002');
    for (const body of ['  [1,', '\n{', '"unterminated', 'nul']) {
      const malformed = new BadRequestException('x', { cause: bodyParserError('entity.parse.failed', { body }) });
      expect(translateFrameworkError(malformed, context)?.errors[0].error.error_code).toBe('1002');
    }
    const text = new BadRequestException('x', { cause: bodyParserError('entity.parse.failed', { body: ' "text" ' }) });
    expect(translateFrameworkError(text, context)?.errors[0].error.error_code).toBe('2001');
  });

  it.each([
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, '1002'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, '1007'],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, '1003'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, '1004'],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, '1008'],
    ['FST_ERR_BAD_URL', 400, '1008'],
    ['FST_ERR_SOMETHING_NEW', 431, '1431'],
    ['FST_ERR_SOMETHING_ELSE', 419, '1010'],
  ])('classifies Fastify %s', (code, status, expected) => {
    const errors = translateFrameworkError(fastifyError(code, status), context)!.errors;
    expect(errors[0].error.error_code).toBe(expected);
    expect(errors[0].status).toBe(status);
    expect(errors[0].error.message).not.toContain('raw fastify text');
  });

  it('tells an unmatched route from a handler that threw NotFoundException', () => {
    const unmatched = { ...context, request: { method: 'POST', path: '/nope', routeMatched: false } };
    expect(translateFrameworkError(new NotFoundException('Cannot POST /nope'), unmatched)?.errors[0].error).toEqual({
      message: 'No route matches POST /nope.',
      error_code: '1001',
      field: null,
      details: { method: 'POST', path: '/nope' },
    });
    expect(translateFrameworkError(new NotFoundException('No such thing'), context)?.errors[0].error).toEqual({
      message: 'No such thing.',
      error_code: '1404',
      field: null,
      details: null,
    });
  });

  it('never shows an Error given as the response, nor a 5xx message', () => {
    const privateResponse = translateFrameworkError(new BadRequestException(new Error('secret')), context)!;
    expect(JSON.stringify(privateResponse.errors)).not.toContain('secret');
    const serverError = translateFrameworkError(new HttpException('secret', 502), context)!;
    expect(serverError.errors[0]).toEqual({
      status: 502,
      error: {
        message: 'An upstream service failed.',
        error_code: '1502',
        field: null,
        details: { request_id: 'req-1' },
      },
    });
    expect(serverError.logged).toBeInstanceOf(HttpException);
  });

  it('caps a long message list', () => {
    const many = new BadRequestException({ message: Array.from({ length: 500 }, (_, i) => `problem ${i}`) });
    expect(translateFrameworkError(many, context)!.errors).toHaveLength(100);
  });
});
