import { Socket, connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ADAPTERS, API, AdapterName, SampleApp, startSampleApp } from './support/app-harness';

jest.setTimeout(60_000);

/**
 * One answer per request whatever the adapter: every case runs on Express and on Fastify
 * (the sample app as main.ts builds it), each answer must be the expected status and
 * body, and the two adapters' bodies must be equal. A case is raw HTTP bytes, so that
 * requests no HTTP client library would send (no Host, a broken Content-Length) are
 * cases like the others.
 */
interface Case {
  name: string;
  /** The request head without the final blank line; `Host` is added unless `noHost`. */
  head: string;
  body?: Buffer;
  noHost?: boolean;
  status: number;
  body_: unknown;
}

const json = 'Content-Type: application/json';
const bigBody = Buffer.from(
  JSON.stringify({ email: 'big@example.com', username: 'big', display_name: 'x'.repeat(200_000) }),
);

/** The bounds of the paging parameters (PageQueryDto). */
const PAGE_BOUNDS = { limit: { min: 1, max: 100 }, offset: { min: 0, max: 2_147_483_647 } };

/** The answer to a paging parameter that is not an integer: each of its rules, in the DTO's order. */
function notAnInteger(field: keyof typeof PAGE_BOUNDS): unknown[] {
  const name = `${field[0].toUpperCase()}${field.slice(1)}`;
  const { min, max } = PAGE_BOUNDS[field];
  return [
    { message: `${name} must not be greater than ${max}.`, error_code: '2044', field, details: { max } },
    { message: `${name} must not be less than ${min}.`, error_code: '2043', field, details: { min } },
    { message: `${name} must be an integer number.`, error_code: '2023', field, details: null },
  ];
}

const CASES: Case[] = [
  {
    name: 'DELETE with Content-Type: application/json and no body runs the route',
    head: `DELETE ${API}/users/1999999999 HTTP/1.1\r\n${json}`,
    status: 404,
    body_: [
      { message: 'No user has the id 1999999999.', error_code: '6001', field: null, details: { id: 1999999999 } },
    ],
  },
  {
    name: 'DELETE with Content-Type: application/json and Content-Length: 0 runs the route',
    head: `DELETE ${API}/users/1999999999 HTTP/1.1\r\n${json}\r\nContent-Length: 0`,
    status: 404,
    body_: [
      { message: 'No user has the id 1999999999.', error_code: '6001', field: null, details: { id: 1999999999 } },
    ],
  },
  {
    name: 'method QUERY on a path whose routes take other methods',
    head: `QUERY ${API}/users HTTP/1.1`,
    status: 405,
    body_: [{ message: 'The method is not allowed.', error_code: '1405', field: null, details: null }],
  },
  {
    name: 'method QUERY on a path no route has',
    head: `QUERY ${API}/nowhere HTTP/1.1`,
    status: 404,
    body_: [
      {
        message: `No route matches QUERY ${API}/nowhere.`,
        error_code: '1001',
        field: null,
        details: { method: 'QUERY', path: `${API}/nowhere` },
      },
    ],
  },
  {
    name: 'application/merge-patch+json, which neither adapter parses',
    head: `PATCH ${API}/users/1 HTTP/1.1\r\nContent-Type: application/merge-patch+json`,
    body: Buffer.from('{"display_name":"x"}'),
    status: 415,
    body_: [
      {
        message: 'The request body must be sent as application/json.',
        error_code: '1004',
        field: null,
        details: { supported: ['application/json'] },
      },
    ],
  },
  {
    // A quoted parameter holding "charset=utf-8" must not hide the real charset: Express's
    // parser decodes UTF-16LE, whose ASCII bytes are valid UTF-8 and would pass that check.
    name: 'a UTF-16LE body whose Content-Type quotes charset=utf-8 in another parameter',
    head: `POST ${API}/tables/1/records HTTP/1.1\r\nContent-Type: application/json; x="a;charset=utf-8"; charset=utf-16le`,
    body: Buffer.from('{"values":{"\u5f5f\u7270\u746f\u5f6f_":1}}', 'utf16le'),
    status: 415,
    body_: [
      {
        message: 'The request body must be encoded as UTF-8.',
        error_code: '1006',
        field: null,
        details: { charset: 'utf-16le' },
      },
    ],
  },
  {
    name: 'application/vnd.api+json',
    head: `POST ${API}/users HTTP/1.1\r\nContent-Type: application/vnd.api+json`,
    body: Buffer.from('{"email":"a@example.com","username":"a"}'),
    status: 415,
    body_: [
      {
        message: 'The request body must be sent as application/json.',
        error_code: '1004',
        field: null,
        details: { supported: ['application/json'] },
      },
    ],
  },
  {
    name: 'a 200 KB JSON body',
    head: `POST ${API}/users HTTP/1.1\r\n${json}`,
    body: bigBody,
    status: 413,
    body_: [
      {
        message: 'The request body is larger than the server accepts.',
        error_code: '1003',
        field: null,
        details: { limit_bytes: 102_400 },
      },
    ],
  },
  ...[
    ['a gzip body', gzipSync('{"email":"a@example.com","username":"gz"}')],
    ['a body that is not gzip', Buffer.from('not gzip')],
  ].map(([what, body]): Case => ({
    name: `${String(what)} with Content-Encoding: gzip`,
    head: `POST ${API}/users HTTP/1.1\r\n${json}\r\nContent-Encoding: gzip`,
    body: body as Buffer,
    status: 415,
    body_: [
      {
        message: 'The Content-Encoding of the request body is not supported.',
        error_code: '1415',
        field: null,
        details: null,
      },
    ],
  })),
  {
    name: 'an unknown Content-Encoding',
    head: `POST ${API}/users HTTP/1.1\r\n${json}\r\nContent-Encoding: x-unknown`,
    body: Buffer.from('{}'),
    status: 415,
    body_: [
      {
        message: 'The Content-Encoding of the request body is not supported.',
        error_code: '1415',
        field: null,
        details: null,
      },
    ],
  },
  {
    name: 'no Host header (HTTP/1.1 requires one)',
    head: `GET ${API}/users HTTP/1.1`,
    noHost: true,
    status: 400,
    body_: [{ message: 'The request is malformed.', error_code: '1008', field: null, details: null }],
  },
  {
    name: 'a Content-Length that is not a number',
    head: `POST ${API}/users HTTP/1.1\r\n${json}\r\nContent-Length: abc`,
    status: 400,
    body_: [{ message: 'The request is malformed.', error_code: '1008', field: null, details: null }],
  },
  // Paging parameters take canonical decimal integers only, as ids do: Number() would read
  // each of these as a number (`?limit=0x10` paged by 16). The text is answered as
  // `?limit=abc` always was: every rule of the field, each naming it. An empty value
  // (`?offset=`) is no integer either (Number('') read it as 0).
  ...[
    ['limit', '0x10'],
    ['limit', '1e1'],
    ['limit', '%205'],
    ['limit', '5.0'],
    ['limit', '+5'],
    ['limit', '05'],
    ['offset', '0b1'],
    ['offset', '1e0'],
    ['offset', '-0'],
    ['offset', ''],
    ['limit', ''],
  ].map(([field, value]): Case => ({
    name: `GET /users?${field}=${value}`,
    head: `GET ${API}/users?${field}=${value} HTTP/1.1`,
    status: 400,
    body_: notAnInteger(field as keyof typeof PAGE_BOUNDS),
  })),
];

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Sends the bytes on a fresh connection and reads one answer (the server closes or sends Content-Length). */
function exchange(port: number, testCase: Case): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let head = testCase.head;
    if (!testCase.noHost) head += `\r\nHost: 127.0.0.1:${port}`;
    if (testCase.body && !/content-length/iu.test(head)) head += `\r\nContent-Length: ${testCase.body.length}`;
    head += '\r\nConnection: close\r\n\r\n';
    socket.on('connect', () => socket.end(testCase.body ? Buffer.concat([Buffer.from(head), testCase.body]) : head));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [rawHead, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = rawHead.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let body = rest.join('\r\n\r\n');
      if (/chunked/iu.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: body === '' ? '' : JSON.parse(body) });
    });
  });
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const newline = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, newline), 16);
    if (!size) return out;
    out += rest.slice(newline + 2, newline + 2 + size);
    rest = rest.slice(newline + 2 + size + 2);
  }
}

describe('adapter parity: the same request answers the same on Express and Fastify', () => {
  const apps = new Map<AdapterName, SampleApp>();
  beforeAll(async () => {
    for (const adapter of ADAPTERS) apps.set(adapter, await startSampleApp('pglite', adapter));
  });
  afterAll(async () => {
    for (const app of apps.values()) await app.close();
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const answers = new Map<AdapterName, RawAnswer>();
    for (const [adapter, app] of apps) {
      const port = (app.app.getHttpServer().address() as { port: number }).port;
      answers.set(adapter, await exchange(port, testCase));
    }
    for (const [adapter, answer] of answers) {
      expect([adapter, answer.status, answer.body]).toEqual([adapter, testCase.status, testCase.body_]);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['x-request-id']).toEqual(expect.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/u));
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(answers.get('express')!.body).toEqual(answers.get('fastify')!.body);
  });
});
