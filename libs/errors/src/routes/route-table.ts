import { Controller, Get, RequestMethod } from '@nestjs/common';

/** One method and path a handler answers, as the app's clients call it. */
export interface RouteEntry {
  /** Upper-case HTTP method (`GET`); `ALL` for `@All()`. */
  method: string;
  /** The path in OpenAPI's template syntax, global prefix included: `/api/v0/users/{id}`. */
  path: string;
  controller: abstract new (...args: never[]) => unknown;
  handlerName: string;
}

/**
 * Nest keeps `@Controller('x')` and `@Get('y')` as metadata under keys of its own. Like
 * the parameter metadata (transports/http/route-arguments.ts), the keys are learnt from a probe
 * decorated with the public decorators instead of importing Nest's constants.
 */
@Controller('probe-controller')
class RouteProbe {
  @Get('probe-handler')
  handler(): void {}
}

function learnKeys(): { path: unknown; method: unknown } {
  const handler = RouteProbe.prototype.handler;
  const keys = Reflect.getOwnMetadataKeys(handler);
  const path = keys.find(
    (key) =>
      Reflect.getOwnMetadata(key, handler) === 'probe-handler' &&
      Reflect.getOwnMetadata(key, RouteProbe) === 'probe-controller',
  );
  const method = keys.find((key) => Reflect.getOwnMetadata(key, handler) === RequestMethod.GET);
  if (path === undefined || method === undefined) {
    throw new Error(
      'Could not find how Nest stores @Controller() and @Get() metadata; nest-error-contract needs an update.',
    );
  }
  return { path, method };
}

const KEYS = learnKeys();

/** RequestMethod's numbers -> names (`0` -> `GET`), from Nest's public enum. */
const METHOD_NAMES = new Map<unknown, string>(
  Object.entries(RequestMethod)
    .filter(([, value]) => typeof value === 'number')
    .map(([name, value]) => [value, name]),
);

function pathsOf(holder: object): string[] {
  const value: unknown = Reflect.getOwnMetadata(KEYS.path, holder);
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [''];
}

/**
 * Every method and path the handlers of these controllers answer: the global prefix,
 * the controller's paths and the handler's, joined as Nest joins them. URI versions and
 * RouterModule paths are not added (an app using them gets their routes without).
 */
export function routeTable(
  controllers: ReadonlyArray<abstract new (...args: never[]) => unknown>,
  globalPrefix = '',
): RouteEntry[] {
  const entries: RouteEntry[] = [];
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    const names = new Set<string>();
    for (let current: object | null = prototype; current && current !== Object.prototype;) {
      for (const name of Object.getOwnPropertyNames(current)) if (name !== 'constructor') names.add(name);
      current = Object.getPrototypeOf(current) as object | null;
    }
    for (const handlerName of names) {
      const handler = Object.getOwnPropertyDescriptor(findOwner(prototype, handlerName), handlerName)?.value as unknown;
      if (typeof handler !== 'function') continue;
      const method = METHOD_NAMES.get(Reflect.getOwnMetadata(KEYS.method, handler));
      if (method === undefined) continue;
      for (const base of pathsOf(controller)) {
        for (const own of pathsOf(handler)) {
          entries.push({ method, path: toTemplate(joinPath(globalPrefix, base, own)), controller, handlerName });
        }
      }
    }
  }
  return entries;
}

function findOwner(prototype: object, name: string): object {
  let current: object | null = prototype;
  while (current && !Object.hasOwn(current, name)) current = Object.getPrototypeOf(current) as object | null;
  return current ?? prototype;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/^\/+|\/+$/gu, ''))
    .filter((part) => part !== '')
    .join('/');
  return `/${joined}`;
}

/** `/users/:id` -> `/users/{id}`; a wildcard `*rest` -> `{rest}`. */
export function toTemplate(pattern: string): string {
  return pattern.replace(/[:*]([A-Za-z0-9_]+)/gu, '{$1}');
}

/** Whether a request path (already without its query) matches a path template. */
export function matchesTemplate(template: string, path: string): boolean {
  let compiled = COMPILED_TEMPLATES.get(template);
  if (compiled === undefined) {
    compiled = compileTemplate(template);
    COMPILED_TEMPLATES.set(template, compiled);
  }
  // The literal text before the first parameter rules out most templates without the RegExp.
  return path.startsWith(compiled.prefix) && compiled.expression.test(path);
}

/**
 * Every unknown route is matched against every template of the app (is it a 405?):
 * each template is compiled once. The templates are the app's routes, a bounded set.
 */
const COMPILED_TEMPLATES = new Map<string, { prefix: string; expression: RegExp }>();

function compileTemplate(template: string): { prefix: string; expression: RegExp } {
  const parts = template.split(/(\{[^}]+\})/u);
  const pattern = parts
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')))
    .join('');
  return { prefix: parts[0], expression: new RegExp(`^${pattern}/?$`, 'u') };
}

/**
 * The methods the app answers on a path, for a 405's `Allow` header: empty when no
 * route has the path at all. GET brings HEAD, as both adapters answer HEAD for it.
 */
export function allowedMethods(table: readonly RouteEntry[], path: string): string[] {
  const methods = new Set<string>();
  for (const entry of table) {
    if (!matchesTemplate(entry.path, path)) continue;
    if (entry.method === 'ALL') return [];
    methods.add(entry.method);
    if (entry.method === 'GET') methods.add('HEAD');
  }
  return [...methods].sort();
}
