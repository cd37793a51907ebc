import { inspect } from 'node:util';
import { HttpRequestFacts } from './http-transport.js';

describe('HttpRequestFacts', () => {
  it('reads each fact from the request only when a translator asks for it', () => {
    const read: string[] = [];
    const request = new Proxy(
      { method: 'POST', originalUrl: '/users?token=secret', route: { path: '/users' }, aborted: false },
      {
        get(target, key, receiver) {
          read.push(String(key));
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    const facts = new HttpRequestFacts(request);
    expect(read).toEqual([]);
    expect(facts.path).toBe('/users');
    expect(read).toEqual(['originalUrl']);
    expect(facts.routeMatched).toBe(true);
  });

  it('gives the facts, never the request, to a translator that serializes them', () => {
    const facts = new HttpRequestFacts({ method: 'GET', url: '/nowhere', is404: true, headers: { cookie: 'a=b' } });
    expect(JSON.parse(JSON.stringify({ request: facts }))).toEqual({
      request: { method: 'GET', path: '/nowhere', routeMatched: false, aborted: false },
    });
    expect(Object.keys(facts)).toEqual([]);
    expect(inspect(facts, { breakLength: Infinity })).toBe(
      "{ method: 'GET', path: '/nowhere', routeMatched: false, aborted: false }",
    );
  });
});
