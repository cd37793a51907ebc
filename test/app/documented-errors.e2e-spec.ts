import { sendRaw } from '../support/test-app';
import { ADAPTERS, API, SampleApp, startSampleApp } from './support/app-harness';
import { VALID_BODIES } from './support/valid-requests';

jest.setTimeout(120_000);

/**
 * The OpenAPI document's claims, sent as requests: for every operation, each documented
 * code that a request alone can cause (a malformed body, a parameter out of range, a
 * field breaking its rule) is caused, on the documented field, and must come back with
 * the documented status. The cases are read from the document served at
 * /api/docs-json; only the way to break each rule is written here. Codes that need
 * stored data (taken names, missing rows) are the other suites' business.
 */

interface Response {
  status: number;
  body: unknown;
}

interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
  pathParameters: string[];
  /** status -> code -> the fields it is documented on. */
  fields: Record<string, Record<string, Array<string | null>>>;
  /** status -> code -> the details of its example. */
  examples: Record<string, Record<string, Record<string, unknown> | null>>;
}

const ABSENT = Symbol('absent');

/** How to break a field's rule, by code (the example's details give the rule's arguments). */
const VIOLATIONS: Record<string, (details: Record<string, unknown> | null) => unknown> = {
  '2010': () => ABSENT, // IS_DEFINED
  '2015': () => 'not-one-of-them', // IS_IN
  '2016': (details) => (details?.forbidden as unknown[])[0], // IS_NOT_IN
  '2023': () => 1.5, // IS_INT
  '2024': () => 12, // IS_STRING
  '2025': () => 'not an array', // IS_ARRAY
  '2026': () => 'not an object', // IS_OBJECT
  '2029': () => 'not an object', // NESTED_OBJECT
  '2043': () => -5, // MIN
  '2044': () => 1e15, // MAX
  '2051': () => 'x'.repeat(1_000), // MAX_LENGTH
  '2052': () => '', // LENGTH
  '2053': () => '!!', // MATCHES
  '2056': () => 'not-an-email', // IS_EMAIL
  '2057': () => 'not a url', // IS_URL
  '2101': () => new Array(40).fill(null), // ARRAY_MAX_SIZE
  '2102': () => [], // ARRAY_NOT_EMPTY
  '2103': () => ['a', 'a'], // ARRAY_UNIQUE
};

/** A path parameter that is not an id in range. */
const BAD_IDS: Record<string, string> = { '2023': 'abc', '2043': '0', '2044': '99999999999' };

const deep = (depth: number) => '{"x":'.repeat(depth) + '1' + '}'.repeat(depth);
const manyKeys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, 1]));

/** Whole-request problems, by code: content type and raw body. */
const BODY_PROBLEMS: Record<string, (valid: Record<string, unknown>) => { type: string; body: Buffer }> = {
  '1002': () => ({ type: 'application/json', body: Buffer.from('{"email":') }), // MALFORMED_JSON
  '1003': (valid) => ({
    type: 'application/json',
    body: Buffer.from(JSON.stringify({ ...valid, pad: 'x'.repeat(2_000_000) })),
  }),
  '1004': () => ({ type: 'text/xml', body: Buffer.from('<user/>') }), // UNSUPPORTED_MEDIA_TYPE
  '1005': () => ({
    type: 'application/json',
    body: Buffer.from([0x7b, 0x22, 0x78, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
  }), // {"x":"\xff"}
  '1006': (valid) => ({ type: 'application/json; charset=latin1', body: Buffer.from(JSON.stringify(valid)) }),
  '1007': () => ({ type: 'application/json', body: Buffer.alloc(0) }), // EMPTY_BODY
  '2001': () => ({ type: 'application/json', body: Buffer.from('[]') }), // BODY_NOT_OBJECT
  '2003': (valid) => ({ type: 'application/json', body: Buffer.from(JSON.stringify({ ...valid, ...manyKeys(101) })) }),
  '2004': (valid) => ({
    type: 'application/json',
    body: Buffer.from(
      `${JSON.stringify(valid).slice(0, -1)}${Object.keys(valid).length ? ',' : ''}"deep":${deep(10_000)}}`,
    ),
  }),
};

function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, raw]) => {
      const operation = raw as {
        requestBody?: unknown;
        parameters?: Array<{ in: string; name: string }>;
        responses: Record<string, Record<string, unknown>>;
      };
      const fields: Operation['fields'] = {};
      const examples: Operation['examples'] = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        const documented = response['x-error-fields'] as Record<string, Array<string | null>> | undefined;
        if (!documented) continue;
        fields[status] = documented;
        const content = response.content as Record<
          string,
          {
            examples: Record<string, { value: Array<{ error_code: string; details: Record<string, unknown> | null }> }>;
          }
        >;
        examples[status] = Object.fromEntries(
          Object.values(content['application/json'].examples).map(({ value: [error] }) => [
            error.error_code,
            error.details,
          ]),
        );
      }
      return {
        method: method.toUpperCase(),
        path,
        hasBody: operation.requestBody !== undefined,
        pathParameters: (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => parameter.name),
        fields,
        examples,
      };
    }),
  );
}

/** Sets a value at a field path (`profile.links.0.url`), making the objects and arrays on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let current: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((key, position) => {
    const next = current[key];
    if (typeof next !== 'object' || next === null) current[key] = /^\d+$/u.test(keys[position + 1]) ? [] : {};
    current = current[key] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1];
  if (value === ABSENT) delete current[last];
  else current[last] = value;
}

/** A documented field with its placeholders filled: `profile.links.{index}.{property}` -> `profile.links.0.unexpected`. */
const concrete = (field: string) => field.replaceAll('{index}', '0').replaceAll('{property}', 'unexpected');

describe.each(ADAPTERS)('what a request alone can cause, as the OpenAPI document lists it, on %s', (adapter) => {
  let app: SampleApp;
  let operations: Operation[];

  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter);
    operations = operationsOf((await app.http().get('/api/docs-json')).body);
  });
  afterAll(async () => {
    await app?.close();
  });

  const urlOf = (operation: Operation, values: Record<string, string> = {}, query = '') =>
    operation.path.replace(/\{([^}]+)\}/gu, (_, name: string) => values[name] ?? '1') + query;

  async function send(operation: Operation, url: string, type: string, body: Buffer | undefined): Promise<Response> {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': type };
    return sendRaw(app, operation.method, url, headers, body ?? Buffer.alloc(0));
  }

  /** `undefined` when the response has the code (on the field) with the status, else what went wrong. */
  function mismatch(
    response: Response,
    operation: Operation,
    status: string,
    code: string,
    field: string | null,
  ): string | undefined {
    const errors = Array.isArray(response.body)
      ? (response.body as Array<{ error_code: string; field: string | null }>)
      : [];
    const found = errors.some((error) => error.error_code === code && (field === null || error.field === field));
    if (String(response.status) === status && found) return undefined;
    return `${operation.method} ${operation.path} ${status} ${code} on ${field ?? '(none)'}: got ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
  }

  it('has a valid body for every operation that reads one', () => {
    expect(
      operations
        .filter((operation) => operation.hasBody)
        .map((operation) => `${operation.method} ${operation.path}`)
        .sort(),
    ).toEqual(Object.keys(VALID_BODIES).sort());
  });

  it('answers every documented code of a bad path parameter, body or field with its documented status', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const operation of operations) {
      const key = `${operation.method} ${operation.path}`;
      const valid = VALID_BODIES[key]?.() ?? {};
      const json = (body: unknown) => Buffer.from(JSON.stringify(body));
      for (const [status, byCode] of Object.entries(operation.fields)) {
        for (const [code, fields] of Object.entries(byCode)) {
          for (const field of fields) {
            let response: Response | undefined;
            let expectedField = field;
            if (field !== null && operation.pathParameters.includes(field) && BAD_IDS[code]) {
              const body = operation.hasBody ? json(valid) : undefined;
              response = await send(operation, urlOf(operation, { [field]: BAD_IDS[code] }), 'application/json', body);
            } else if (field === null && BODY_PROBLEMS[code] && operation.hasBody) {
              const problem = BODY_PROBLEMS[code](valid);
              response = await send(operation, urlOf(operation), problem.type, problem.body);
            } else if (field === null && code === '2003' && !operation.hasBody) {
              const query = `?${new URLSearchParams(Object.keys(manyKeys(101)).map((key): [string, string] => [key, '1']))}`;
              response = await send(operation, urlOf(operation, {}, query), '', undefined);
            } else if ((field !== null && VIOLATIONS[code] !== undefined) || (field?.includes('{property}') ?? false)) {
              const path = concrete(field!);
              expectedField = path;
              const value = code === '2002' ? 1 : VIOLATIONS[code](operation.examples[status]?.[code] ?? null);
              if (operation.hasBody) {
                const body = structuredClone(valid);
                setPath(body, path, value);
                response = await send(operation, urlOf(operation), 'application/json', json(body));
              } else {
                const query = `?${new URLSearchParams({ [path]: String(value) })}`;
                response = await send(operation, urlOf(operation, {}, query), '', undefined);
              }
            }
            if (!response) continue; // needs stored data: the other suites cause it
            sent += 1;
            const wrong = mismatch(response, operation, status, code, expectedField);
            if (wrong) failures.push(wrong);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Every body route has the six request-level codes at least: the loop cannot pass by sending nothing.
    expect(sent).toBeGreaterThan(Object.keys(VALID_BODIES).length * 6);
  });

  it('creates nothing while answering them', async () => {
    const users = await app.http().get(`${API}/users`);
    expect(users.body).toMatchObject({ count: 0 });
  });
});
