/**
 * The drift check between what the sample app documents (its OpenAPI document) and
 * what it answered during the end-to-end suites. Pure functions: the recorder
 * (answers.ts) writes the inputs, the global teardown reads them and reports.
 */

/** One error response the app sent. */
export interface Answer {
  method: string;
  /** The route pattern the framework matched (`/api/v0/users/:id`), when it matched one. */
  route: string | undefined;
  /** The request path, used when no pattern was recorded. */
  url: string;
  status: number;
  codes: string[];
}

/** One operation of the document with the codes it lists per status. */
export interface DocumentedOperation {
  method: string;
  /** OpenAPI path template: `/api/v0/users/{id}`. */
  path: string;
  /** Status -> the codes its response lists for this operation. */
  codes: Record<string, string[]>;
  /** Statuses answered by a response shared by every operation (500, 503). */
  shared: string[];
}

/** An OpenAPI document, as far as this reads it. */
interface DocumentLike {
  paths: object;
  components?: object;
}

type Operation = { responses?: Record<string, unknown> };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/** Every operation with, per status, the `error_code`s its response schema allows. */
export function documentedOperations(document: DocumentLike): DocumentedOperation[] {
  const operations: DocumentedOperation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const codes: Record<string, string[]> = {};
      const shared: string[] = [];
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const found = codesOfResponse(resolve(document, response));
        if (found.length > 0) codes[status] = found;
        if (typeof (response as { $ref?: unknown }).$ref === 'string') shared.push(status);
      }
      operations.push({ method: method.toUpperCase(), path, codes, shared });
    }
  }
  return operations;
}

function codesOfResponse(response: unknown): string[] {
  const schema = (response as { content?: Record<string, { schema?: { items?: unknown } }> } | undefined)?.content?.[
    'application/json'
  ]?.schema;
  const items = schema?.items as
    { oneOf?: Array<{ allOf?: Array<{ $ref?: string }> }>; allOf?: Array<{ $ref?: string }> } | undefined;
  if (!items) return [];
  // One code: its schema refined for this route (`allOf: [ApiError6002]`); several: one of them.
  const members = items.oneOf ?? [items];
  const refs = members.map((member) => member.allOf?.[0]?.$ref ?? '');
  return refs.map((ref) => /ApiError(\d{4})$/u.exec(ref)?.[1]).filter((code): code is string => code !== undefined);
}

function resolve(document: DocumentLike, value: unknown): unknown {
  const ref = (value as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== 'string') return value;
  const name = ref.replace('#/components/responses/', '');
  return (document.components as { responses?: Record<string, unknown> } | undefined)?.responses?.[name];
}

/** `/api/v0/users/:id` (Express, Fastify) -> `/api/v0/users/{id}` (OpenAPI). */
export function toTemplate(pattern: string): string {
  return pattern.replace(/:([A-Za-z0-9_]+)/gu, '{$1}');
}

function matches(template: string, url: string): boolean {
  const pattern = template
    .split(/(\{[^}]+\})/u)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`, 'u').test(url);
}

/** A (method, path, status, code) triple as a readable key: `POST /api/v0/users 409 6002`. */
export type Triple = string;

export interface DriftReport {
  documented: Set<Triple>;
  /** The documented triples of the shared responses (500, 503 on every route). */
  shared: Set<Triple>;
  answered: Set<Triple>;
  /** Answered but not documented for the route: each one is a lie of the document. */
  undocumented: Triple[];
  /** Documented but never answered by a test. */
  unproduced: Triple[];
  /** Answers on no route of the document (404 for an unknown path...), by status and code. */
  unrouted: Map<string, number>;
}

export function compare(operations: readonly DocumentedOperation[], answers: readonly Answer[]): DriftReport {
  const documented = new Set<Triple>();
  const shared = new Set<Triple>();
  for (const operation of operations) {
    for (const [status, codes] of Object.entries(operation.codes)) {
      for (const code of codes) {
        const triple = `${operation.method} ${operation.path} ${status} ${code}`;
        documented.add(triple);
        if (operation.shared.includes(status)) shared.add(triple);
      }
    }
  }
  const paths = new Set(operations.map((operation) => operation.path));
  const answered = new Set<Triple>();
  const unrouted = new Map<string, number>();
  for (const recorded of answers) {
    // HEAD is GET without the body (both adapters answer it with the GET route): the
    // GET operation documents what it answers.
    const answer = recorded.method === 'HEAD' ? { ...recorded, method: 'GET' } : recorded;
    // A pattern of no documented path is a catch-all (Nest's not-found route): the URL decides.
    const pattern = answer.route === undefined ? undefined : toTemplate(answer.route);
    const path =
      pattern !== undefined && paths.has(pattern)
        ? pattern
        : operations.find((operation) => operation.method === answer.method && matches(operation.path, answer.url))
            ?.path;
    for (const code of answer.codes) {
      if (path === undefined) {
        const key = `${answer.status} ${code}`;
        unrouted.set(key, (unrouted.get(key) ?? 0) + 1);
      } else {
        answered.add(`${answer.method} ${path} ${answer.status} ${code}`);
      }
    }
  }
  return {
    documented,
    shared,
    answered,
    undocumented: [...answered].filter((triple) => !documented.has(triple)).sort(),
    unproduced: [...documented].filter((triple) => !answered.has(triple)).sort(),
    unrouted,
  };
}
