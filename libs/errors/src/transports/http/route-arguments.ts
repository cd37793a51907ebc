import { Body, Param, Query } from '@nestjs/common';

/**
 * Nest keeps a handler's parameter decorators (`@Body()`, `@Query()`...) as metadata on
 * the controller class, under a key of its own, as entries named `"<paramtype>:<index>"`
 * holding `{ index, data, pipes }`. Neither the key nor the paramtype numbers are public
 * API. Both are learnt once here from a probe decorated with the public `@Body()`,
 * `@Query()` and `@Param()`, so this follows Nest if they ever change instead of
 * importing Nest's internal constants.
 */
class Probe {
  handler(@Body() body: unknown, @Query() query: unknown, @Param() param: unknown): unknown {
    return [body, query, param];
  }
}

/** The request parts the library reads parameters of. */
export type RouteParameterKind = 'body' | 'query' | 'param';

const PROBE_ORDER: readonly RouteParameterKind[] = ['body', 'query', 'param'];

function learnRouteArgumentsMetadata(): { key: unknown; prefixes: ReadonlyMap<string, RouteParameterKind> } {
  for (const key of Reflect.getOwnMetadataKeys(Probe, 'handler')) {
    const entries: unknown = Reflect.getOwnMetadata(key, Probe, 'handler');
    if (typeof entries !== 'object' || entries === null) continue;
    const prefixes = new Map<string, RouteParameterKind>();
    for (const [position, kind] of PROBE_ORDER.entries()) {
      const entry = Object.keys(entries).find((name) => name.endsWith(`:${position}`));
      if (entry) prefixes.set(entry.slice(0, -`${position}`.length), kind);
    }
    if (prefixes.size === PROBE_ORDER.length) return { key, prefixes };
  }
  throw new Error(
    'Could not find how Nest stores @Body(), @Query() and @Param() metadata; nest-error-contract needs an update for this Nest version.',
  );
}

const ROUTE_ARGUMENTS = learnRouteArgumentsMetadata();
const BODY_PREFIX = [...ROUTE_ARGUMENTS.prefixes].find(([, kind]) => kind === 'body')![0];

/** One `@Body()`, `@Query()` or `@Param()` parameter of a handler. */
export interface RouteParameter {
  kind: RouteParameterKind;
  /** The parameter's position in the handler's signature. */
  index: number;
  /** The key it reads (`@Param('id')` -> `'id'`), or undefined for the whole body, query or params. */
  data: string | undefined;
  /** The pipes given to the decorator itself (`@Param('id', ParseIntPipe)`), classes or instances. */
  pipes: readonly unknown[];
}

/** Whether the handler of this controller has a `@Body()` parameter (whole body or one key of it). */
export function handlerReadsBody(controller: object, handlerName: string | symbol): boolean {
  const entries: unknown = Reflect.getMetadata(ROUTE_ARGUMENTS.key, controller, handlerName);
  if (typeof entries !== 'object' || entries === null) return false;
  return Object.keys(entries).some((name) => name.startsWith(BODY_PREFIX));
}

/**
 * The handler's `@Body()`, `@Query()` and `@Param()` parameters in signature order.
 * Custom parameter decorators and the other built-in ones (`@Headers()`, `@Req()`...)
 * are left out.
 */
export function routeParameters(controller: object, handlerName: string | symbol): RouteParameter[] {
  const entries: unknown = Reflect.getMetadata(ROUTE_ARGUMENTS.key, controller, handlerName);
  if (typeof entries !== 'object' || entries === null) return [];
  const parameters: RouteParameter[] = [];
  for (const [name, value] of Object.entries(entries)) {
    const separator = name.lastIndexOf(':');
    const kind = ROUTE_ARGUMENTS.prefixes.get(name.slice(0, separator + 1));
    if (!kind) continue;
    const entry = value as { index?: unknown; data?: unknown; pipes?: unknown };
    parameters.push({
      kind,
      index: typeof entry.index === 'number' ? entry.index : Number(name.slice(separator + 1)),
      data: typeof entry.data === 'string' ? entry.data : undefined,
      pipes: Array.isArray(entry.pipes) ? entry.pipes : [],
    });
  }
  return parameters.sort((a, b) => a.index - b.index);
}
