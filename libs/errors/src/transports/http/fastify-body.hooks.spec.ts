import { DomainError } from '../../exceptions/domain-error.js';
import { prepareFastifyBody } from './fastify-body.hooks.js';

/** What the hook answers for a JSON body of this Content-Type: the refused charset, or nothing. */
function refusedCharset(contentType: string): unknown {
  const refusal = prepareFastifyBody({ headers: { 'content-length': '2', 'content-type': contentType }, raw: {} });
  return refusal === undefined ? undefined : (refusal as DomainError).details;
}

describe('prepareFastifyBody', () => {
  it.each([
    ['application/json', undefined],
    ['application/json; charset=utf-8', undefined],
    ['application/json; charset=UTF8', undefined],
    ['application/json; charset=utf-16le', { charset: 'utf-16le' }],
    ['application/json; charset=""', { charset: '' }],
    ['application/json; x="a;charset=utf-8"; charset=utf-16le', { charset: 'utf-16le' }],
    ['text/plain; charset=utf-16le', undefined],
  ])('Content-Type %s: refused charset %j, the same on every request', (contentType, refused) => {
    expect(refusedCharset(contentType)).toEqual(refused);
    expect(refusedCharset(contentType)).toEqual(refused); // the second read comes from the memory
  });
});
