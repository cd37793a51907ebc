import fc from 'fast-check';

/**
 * Arbitrary HTTP requests to the sample app: every route (and some that are not), every
 * method, arbitrary path parameters and query strings, odd headers, and bodies that are
 * route-shaped objects with arbitrary field values, arbitrary JSON, deep nesting, huge
 * numbers, unicode edge cases, prototype keys, or not JSON at all.
 */
export interface FuzzRequest {
  method: string;
  /** Path and query, as sent on the request line. */
  target: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

export const API = '/api/v0';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Strings that have broken parsers, validators or databases somewhere. */
const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\ufeff',
  '\u202e',
  'e\u0301',
  '👩‍👩‍👧‍👦',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '١٢٣',
  '１２３',
  "'; DROP TABLE users; --",
  '%',
  '%zz',
  '..',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'a'.repeat(300),
  '0',
  '-1',
  '1e3',
  '0x1F',
  'NaN',
  'Infinity',
  'true',
  'null',
  'TEXT',
  'INTEGER',
  'VARCHAR',
  'unique',
];

const edgeString = fc.constantFrom(...EDGE_STRINGS);
const anyString = fc.oneof(
  edgeString,
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const hugeNumber = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  2_147_483_647,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  1e308,
  -1e308,
  5e-324,
  0.5,
  -2_147_483_649,
);
/** Arbitrary JSON values, including prototype keys. */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: hugeNumber },
  { weight: 1, arbitrary: anyString },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.oneof(edgeString, fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 4,
    }),
  },
);

/** Small pools of plausible values, so that some requests succeed and the state changes. */
const plausible = {
  email: fc.integer({ min: 1, max: 30 }).map((n) => `user${n}@example.com`),
  username: fc.constantFrom('alice', 'bob', 'Carol', 'dave1', 'eve', 'ALICE', 'x'.repeat(31), 'no spaces', 'ünï'),
  tableName: fc.constantFrom('pantry', 'books', 'notes', 'Pantry', 'bad name', 'x'.repeat(64), 'a_1'),
  columnName: fc.constantFrom('item', 'price', 'qty', 'id', 'xmin', 'label', '__proto__', 'constructor', 'bad-name'),
  columnType: fc.constantFrom('TEXT', 'INTEGER', 'NUMERIC', 'VARCHAR', 'BOOLEAN', 'DATE', 'text', 'BLOB', ''),
  id: fc.oneof(fc.integer({ min: 1, max: 6 }), hugeNumber),
};

function field<T>(likely: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: likely }, { weight: 2, arbitrary: jsonValue });
}

const typeOptions = field(
  fc.record(
    {
      length: field(fc.integer({ min: -1, max: 20_000 })),
      precision: field(fc.integer({ min: 0, max: 1001 })),
      scale: field(fc.integer({ min: -1, max: 1001 })),
    },
    { requiredKeys: [] },
  ),
);
const recordValues = field(
  fc.dictionary(
    fc.oneof(plausible.columnName, edgeString),
    fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      hugeNumber,
      edgeString,
      fc.jsonValue({ maxDepth: 1 }),
    ),
    { maxKeys: 4 },
  ),
);

/** Route-shaped bodies: the route's own fields (some plausible, some anything). */
const userShape = fc.record(
  {
    email: field(plausible.email),
    username: field(plausible.username),
    display_name: field(fc.oneof(fc.string({ maxLength: 110 }), fc.constant(null))),
    profile: field(
      fc.record(
        {
          bio: field(fc.string({ maxLength: 170 })),
          website: field(fc.constantFrom('https://example.com', 'nope', 'javascript:alert(1)')),
          links: field(
            fc.array(
              fc.record({ label: field(fc.string({ maxLength: 35 })), url: field(fc.constant('https://a.example')) }),
              {
                maxLength: 7,
              },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);
const tableShape = fc.record({ name: field(plausible.tableName), owner_id: field(plausible.id) }, { requiredKeys: [] });
const columnShape = fc.record(
  { name: field(plausible.columnName), type: field(plausible.columnType), type_options: typeOptions },
  { requiredKeys: [] },
);
const constraintShape = fc.record(
  {
    type: field(fc.constantFrom('unique', 'check', 'UNIQUE')),
    columns: field(fc.array(plausible.columnName, { maxLength: 4 })),
  },
  { requiredKeys: [] },
);
const recordShape = fc.record({ values: recordValues }, { requiredKeys: [] });

/** Bodies a route accepts, so that requests get past validation and change the state. */
const validUser = fc.record(
  {
    email: fc.integer({ min: 1, max: 300 }).map((n) => `user${n}@example.com`),
    username: fc.oneof(
      fc.constantFrom('alice', 'bob', 'Carol'),
      fc.integer({ min: 1, max: 300 }).map((n) => `u${n}`),
    ),
    display_name: fc.option(fc.string({ maxLength: 100 }), { nil: undefined }),
    profile: fc.option(fc.record({ bio: fc.string({ maxLength: 160 }), website: fc.constant('https://example.com') }), {
      nil: undefined,
    }),
  },
  { requiredKeys: ['email', 'username'] },
);
const validTable = fc.record({
  name: fc.constantFrom('pantry', 'books', 'notes', 'tools'),
  owner_id: fc.integer({ min: 1, max: 6 }),
});
const validColumn = fc.oneof(
  fc.record({
    name: fc.constantFrom('item', 'price', 'qty', 'label', 'note', 'flag', 'day'),
    type: fc.constantFrom('TEXT', 'INTEGER', 'BOOLEAN', 'DATE'),
  }),
  fc.record({
    name: fc.constantFrom('code', 'amount'),
    type: fc.constant('VARCHAR'),
    type_options: fc.record({ length: fc.integer({ min: 1, max: 10 }) }),
  }),
  fc.record({
    name: fc.constantFrom('price', 'amount'),
    type: fc.constant('NUMERIC'),
    type_options: fc.record({ precision: fc.integer({ min: 1, max: 10 }), scale: fc.integer({ min: 0, max: 2 }) }),
  }),
);
const validConstraint = fc.record({
  type: fc.constant('unique'),
  columns: fc.subarray(['item', 'price', 'qty', 'label', 'code'], { minLength: 1 }),
});
const validRecord = fc.record({
  values: fc.dictionary(
    fc.constantFrom('item', 'price', 'qty', 'label', 'note', 'flag', 'day', 'code', 'amount'),
    fc.oneof(
      fc.constantFrom('rice', 'tea', 'x', '2024-02-30', '2024-01-31', '12.345', 'true', ''),
      fc.integer({ min: -5, max: 2_147_483_648 }),
      fc.boolean(),
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    ),
    { maxKeys: 3 },
  ),
});

const shape = (valid: fc.Arbitrary<object>, mutated: fc.Arbitrary<object>) =>
  fc
    .tuple(
      fc.oneof({ weight: 1, arbitrary: valid }, { weight: 1, arbitrary: mutated }),
      // Now and then a key the route does not know.
      fc.oneof(
        { weight: 5, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.tuple(fc.oneof(edgeString, fc.string({ maxLength: 6 })), jsonValue) },
      ),
    )
    .map(([value, extra]) => (extra ? { ...value, [extra[0]]: extra[1] } : value));

const SHAPES = {
  user: shape(validUser, userShape),
  table: shape(validTable, tableShape),
  column: shape(validColumn, columnShape),
  constraint: shape(validConstraint, constraintShape),
  record: shape(validRecord, recordShape),
};

/** JSON text with a prototype key spelled out as an own key (JSON.stringify cannot write `__proto__` as one). */
const prototypeKeyBody = fc
  .tuple(
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    fc.oneof(...Object.values(SHAPES)),
    jsonValue,
    fc.boolean(),
  )
  .map(([key, shape, value, nested]) => {
    const inner = `"${key}": ${JSON.stringify(value) ?? 'null'}`;
    const text = JSON.stringify(shape);
    if (nested && text.includes('"values":{')) return text.replace('"values":{', `"values":{${inner},`);
    return text === '{}' ? `{${inner}}` : `{${inner},${text.slice(1)}`;
  });

const deepBody = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.constantFrom('array', 'object', 'profile', 'values'))
  .map(([depth, kind]) => {
    if (kind === 'array') return '['.repeat(depth) + ']'.repeat(depth);
    if (kind === 'object') return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const nested = '{"x":'.repeat(depth) + '1' + '}'.repeat(depth);
    return kind === 'profile'
      ? `{"email":"deep@example.com","username":"deep","profile":${nested}}`
      : `{"values":${nested}}`;
  });

const hugeNumberBody = fc
  .tuple(
    fc.constantFrom('owner_id', 'limit', 'length', 'precision', 'price', 'email'),
    fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '0.000000000000000000000000001', '-0', '1E+2'),
  )
  .map(([key, number]) => `{"${key}":${number},"values":{"${key}":${number}},"type_options":{"${key}":${number}}}`);

/** Bytes that are not valid UTF-8, inside JSON strings and alone. */
const invalidUtf8Body = fc.constantFrom(
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  Buffer.from([0xc3]),
  Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  Buffer.from('{"email":"a@example.com","username":"\xed\xa0\x80"}', 'latin1'),
);

/** Any body, whatever the route. */
const anyBody: fc.Arbitrary<Buffer | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.oneof(...Object.values(SHAPES)).map((value) => Buffer.from(JSON.stringify(value))) },
  { weight: 2, arbitrary: jsonValue.map((value) => Buffer.from(JSON.stringify(value) ?? '')) },
  { weight: 2, arbitrary: prototypeKeyBody.map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: deepBody.map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: hugeNumberBody.map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: invalidUtf8Body },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((text) => Buffer.from(text)) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 100_000, max: 150_000 })
      .map((size) => Buffer.from(`{"values":{"a":"${'x'.repeat(size)}"}}`)),
  },
);

/** A path parameter as it appears in the URL (already encoded, or deliberately broken). */
const pathParameter = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 10 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 5 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0',
      '2147483647',
      '2147483648',
      '99999999999999999999',
      '1e3',
      '0x1F',
      '1.5',
      '%201',
      '1%20',
      'NaN',
      '%D9%A1',
      '%EF%BC%91',
      '%00',
      '%',
      '%zz',
      '%E0%A4%A',
      '..',
      'constructor',
      '__proto__',
    ),
  },
  { weight: 1, arbitrary: anyString.map(encode) },
);

function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate cannot be encoded as UTF-8: send its UTF-16 units as broken escapes.
    return [...text].map((char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
  }
}

type Shape = keyof typeof SHAPES;

/** The sample app's routes, their methods and body; `:id` is any path parameter. */
const ROUTES: ReadonlyArray<{ template: string; methods: readonly string[]; shape?: Shape; weight: number }> = [
  { template: '/users', methods: ['GET', 'POST'], shape: 'user', weight: 3 },
  { template: '/users/:id', methods: ['GET', 'PATCH', 'DELETE'], shape: 'user', weight: 2 },
  { template: '/tables', methods: ['POST'], shape: 'table', weight: 2 },
  { template: '/tables/:id', methods: ['GET', 'DELETE'], weight: 1 },
  { template: '/tables/:id/columns', methods: ['POST'], shape: 'column', weight: 3 },
  { template: '/tables/:id/constraints', methods: ['POST'], shape: 'constraint', weight: 1 },
  { template: '/tables/:id/records', methods: ['GET', 'POST'], shape: 'record', weight: 4 },
  { template: '/columns/:id', methods: ['PATCH', 'DELETE'], shape: 'column', weight: 2 },
];

/** Elsewhere than a route: after one, or made of arbitrary segments. */
const strayPath = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...ROUTES.map((route) => route.template)),
      fc.constantFrom('/', '//', '/x', '/../users', '/%2e%2e'),
    )
    .map(([template, tail]) => template.replace(':id', '1') + tail),
  fc
    .array(fc.oneof(edgeString, fc.string({ maxLength: 6 })).map(encode), { maxLength: 3 })
    .map((segments) => `/${segments.join('/')}`),
);

const queryKey = fc.oneof(
  fc.constantFrom(
    'limit',
    'offset',
    '__proto__',
    'constructor',
    'limit[]',
    'a[b]',
    '__proto__[polluted]',
    'constructor[prototype][x]',
  ),
  fc.string({ maxLength: 6 }),
);
const queryValue = fc.oneof(
  fc.constantFrom('1', '0', '-1', '100', '101', '1.5', '1e2', 'abc', '', '2147483648', '99999999999999999999'),
  anyString,
);
const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
      .map((pairs) =>
        pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&')}`,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('?', '?&&', '?limit', '?limit=%', '?limit=%zz', '?limit=1&limit=2', '?%E0%A4%A=1'),
  },
);

/** Header values Node's client can send (no CR, LF or NUL; latin-1). */
const headerText = fc.string({ maxLength: 40 }).map((text) => text.replace(/[^\x20-\x7e]/gu, ''));
const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constant(undefined) },
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=UTF-8',
    'application/json;charset="utf-8"',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/json; charset=nonsense',
    'application/json;;',
    'application/vnd.api+json',
    'application/merge-patch+json',
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    '*/*',
    'json',
    '',
  ),
  headerText,
);
const headers = fc.record(
  {
    'content-type': contentType,
    accept: fc.oneof(
      fc.constantFrom(
        '*/*',
        'application/json',
        'text/html',
        'application/xml',
        'application/problem+json',
        'text/event-stream',
        '',
      ),
      headerText,
    ),
    'accept-language': fc.oneof(fc.constantFrom('en', 'fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5', 'zz', '*', ''), headerText),
    'x-request-id': fc.oneof(
      fc.constantFrom('abc-123', 'a'.repeat(128), 'a'.repeat(129), 'has space', 'semi;colon', '../../etc/passwd', ''),
      headerText,
    ),
    'accept-encoding': fc.constantFrom('gzip', 'identity', 'br, gzip;q=0', '*;q=0'),
  },
  // A body's content type is usually sent: without one every body route answers 415.
  { requiredKeys: ['content-type'] },
);

/**
 * Mostly a route with one of its methods and a body of its shape (so that requests get
 * deep into the handlers and some of them change the state), sometimes any method, any
 * body, any path.
 */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
  .oneof(...ROUTES.map((route) => ({ weight: route.weight, arbitrary: fc.constant(route) })))
  .chain((route) =>
    fc
      .record({
        method: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...route.methods) },
          { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
        ),
        path: fc.oneof(
          { weight: 12, arbitrary: pathParameter.map((id) => route.template.replace(':id', id)) },
          { weight: 1, arbitrary: strayPath },
        ),
        query,
        headers,
        body: route.shape
          ? fc.oneof(
              { weight: 7, arbitrary: SHAPES[route.shape].map((value) => Buffer.from(JSON.stringify(value))) },
              { weight: 3, arbitrary: anyBody },
            )
          : anyBody,
      })
      .map(({ method, path, query: search, headers: chosen, body }) => ({
        method,
        target: `${API}${path}${search}`,
        headers: Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== undefined)) as Record<
          string,
          string
        >,
        body,
      })),
  );
