import { Answer, DocumentedOperation, compare, documentedOperations } from './drift';

const DOCUMENT = {
  paths: {
    '/api/v0/users/{id}': {
      parameters: [],
      get: {
        responses: {
          '200': { description: 'ok' },
          '400': {
            content: {
              'application/json': {
                schema: {
                  items: {
                    oneOf: [
                      { allOf: [{ $ref: '#/components/schemas/ApiError2023' }], properties: { field: {} } },
                      { allOf: [{ $ref: '#/components/schemas/ApiError2043' }], properties: { field: {} } },
                    ],
                  },
                },
              },
            },
          },
          '404': {
            content: {
              'application/json': { schema: { items: { allOf: [{ $ref: '#/components/schemas/ApiError6001' }] } } },
            },
          },
          '500': { $ref: '#/components/responses/InternalError' },
        },
      },
    },
  },
  components: {
    responses: {
      InternalError: {
        content: {
          'application/json': { schema: { items: { allOf: [{ $ref: '#/components/schemas/ApiError5000' }] } } },
        },
      },
    },
  },
};

const answer = (route: string | undefined, url: string, status: number, codes: string[], method = 'GET'): Answer => ({
  method,
  route,
  url,
  status,
  codes,
});

describe('the drift check', () => {
  const operations: DocumentedOperation[] = documentedOperations(DOCUMENT);

  it('reads per operation the codes of each status, shared responses resolved', () => {
    expect(operations).toEqual([
      {
        method: 'GET',
        path: '/api/v0/users/{id}',
        codes: { '400': ['2023', '2043'], '404': ['6001'], '500': ['5000'] },
        shared: ['500'],
      },
    ]);
  });

  it('fails answered triples the document does not list, and lists documented ones no test produced', () => {
    const report = compare(operations, [
      answer('/api/v0/users/:id', '/api/v0/users/abc', 400, ['2023']),
      // Express's body parsers answer before routing: the URL finds the route.
      answer(undefined, '/api/v0/users/0', 400, ['2043', '2099']),
      answer('/api/v0/users/:id', '/api/v0/users/7', 409, ['6002']),
      // A catch-all pattern and an unknown path are no documented route.
      answer('*path', '/api/v0/nowhere', 404, ['1001']),
      answer(undefined, '/api/v0/users/1/more', 404, ['1001']),
    ]);
    expect(report.undocumented).toEqual(['GET /api/v0/users/{id} 400 2099', 'GET /api/v0/users/{id} 409 6002']);
    expect(report.unproduced).toEqual(['GET /api/v0/users/{id} 404 6001', 'GET /api/v0/users/{id} 500 5000']);
    expect([...report.shared]).toEqual(['GET /api/v0/users/{id} 500 5000']);
    expect(report.unrouted).toEqual(new Map([['404 1001', 2]]));
  });

  it('tells methods apart', () => {
    const report = compare(operations, [answer(undefined, '/api/v0/users/1', 400, ['2023'], 'DELETE')]);
    expect(report.undocumented).toEqual([]);
    expect(report.unrouted).toEqual(new Map([['400 2023', 1]]));
  });
});
