import { INestApplicationContext } from '@nestjs/common';
import { ErrorCode } from '../codes/error-code.js';
import { ErrorCodeRegistry } from '../codes/registry.js';
import { ErrorRuntime } from '../runtime/error-runtime.js';
import { API_ERROR, apiErrorSchemas, codeSchema, codeSchemaName, errorResponses } from './openapi-errors.js';
import { Schema, dialectOf } from './openapi-schema.js';
import { DiscoveredRoute, OperationIdFactory, discoverRoutes } from '../route-errors/route-discovery.js';
import { routeErrorContext, sharedErrors } from '../route-errors/route-error-context.js';
import {
  CATALOGUE_ENTRY,
  CATALOGUE_ENTRY_ERRORS,
  CATALOGUE_TAG,
  catalogueEntrySchema,
  cataloguePaths,
} from './catalogue-paths.js';
import {
  PossibleError,
  RouteErrorContext,
  maxErrorsOf,
  requestLevelErrors,
  routeErrors,
} from '../route-errors/route-errors.js';
import { DEFAULT_MAX_ERRORS } from '../validation/flatten.js';

/**
 * What this needs of an OpenAPI document (as `SwaggerModule.createDocument` returns it):
 * its version, paths and components, read and written as plain JSON.
 */
export interface OpenApiDocument {
  openapi: string;
  paths: object;
  components?: object;
}

interface Components {
  schemas?: Record<string, unknown>;
  responses?: Record<string, unknown>;
}

export interface DocumentErrorsOptions {
  /** The `operationIdFactory` given to `SwaggerModule.createDocument`, if any: operations are matched to handlers by it. */
  operationIdFactory?: OperationIdFactory;
  /**
   * The pipes given to `app.useGlobalPipes()`. Pipes registered with `APP_PIPE` are
   * found without help.
   */
  globalPipes?: readonly unknown[];
}

/** Shared responses, referenced by every operation that has no codes of its own at their status. */
export const INTERNAL_ERROR_RESPONSE = 'InternalError';
export const SERVICE_UNAVAILABLE_RESPONSE = 'ServiceUnavailable';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Adds the error contract to an OpenAPI document made by `SwaggerModule.createDocument`:
 * the `ApiError` schemas, and for every operation one response per status its route can
 * answer with the codes possible there, derived from the route's code (its DTOs' rules,
 * its pipes, whether it reads a body, what it declares with `@ErrorResponses()`).
 * Returns the same document, changed in place.
 *
 *     const document = documentErrors(app, SwaggerModule.createDocument(app, config));
 *     SwaggerModule.setup('api/docs', app, document);
 */
export function documentErrors<Document extends OpenApiDocument>(
  app: INestApplicationContext,
  document: Document,
  options: DocumentErrorsOptions = {},
): Document {
  const { registry, settings } = lookUp<ErrorRuntime>(app, ErrorRuntime);
  const dialect = dialectOf(document.openapi);
  const routes = discoverRoutes(app, options.operationIdFactory);
  const context = routeErrorContext(app, settings, options.globalPipes);
  const shared = sharedErrors(settings);
  const respond = (errors: readonly PossibleError[], maxItems = DEFAULT_MAX_ERRORS) =>
    errorResponses(errors, settings.requestIdHeader, dialect, maxItems);
  const sharedResponses = respond(shared);
  const used = new Set<ErrorCode>(shared.map((error) => error.code));

  // The served catalogue is a route of the app too (outside the global prefix).
  const catalogue = settings.catalogue === false ? undefined : cataloguePaths(settings.catalogue.path);
  if (catalogue) {
    Object.assign(document.paths, catalogue);
    const tags = ((document as { tags?: Array<{ name: string }> }).tags ??= []);
    if (!tags.some((tag) => tag.name === CATALOGUE_TAG.name)) tags.push(CATALOGUE_TAG);
  }

  for (const [path, item] of Object.entries(document.paths as Record<string, object | undefined>)) {
    for (const [method, operation] of Object.entries(item ?? {}) as Array<[string, Operation]>) {
      if (!HTTP_METHODS.has(method) || typeof operation !== 'object' || operation === null) continue;
      const route = findRoute(routes, operation.operationId, options.operationIdFactory === undefined);
      const isCatalogue = catalogue !== undefined && catalogue[path]?.[method] === operation;
      const errors = route
        ? routeErrors(route, context)
        : isCatalogue
          ? catalogueErrors(context, path.endsWith('{code}'))
          : [];
      const maxItems = route ? maxErrorsOf(route, context) : DEFAULT_MAX_ERRORS;
      for (const error of errors) {
        requireRegistered(registry, error.code, `${method.toUpperCase()} ${path}`);
        used.add(error.code);
      }
      const responses = (operation.responses ??= {});
      for (const [status, { response }] of respond(errors, maxItems)) {
        responses[String(status)] = merged(responses[String(status)], response);
      }
      for (const [status, name] of [
        [500, INTERNAL_ERROR_RESPONSE],
        [503, SERVICE_UNAVAILABLE_RESPONSE],
      ] as const) {
        if (!sharedResponses.has(status)) continue;
        // The catalogue is served from memory: the database being down never reaches it.
        if (isCatalogue && status === 503) continue;
        const own = errors.filter((error) => error.status === status);
        responses[String(status)] =
          own.length === 0
            ? { $ref: `#/components/responses/${name}` }
            : respond([...own, ...shared.filter((error) => error.status === status)], maxItems).get(status)!.response;
      }
    }
  }

  const components = (document.components ??= {}) as Components;
  const schemas = (components.schemas ??= {});
  Object.assign(schemas, apiErrorSchemas(dialect));
  if (catalogue) schemas[CATALOGUE_ENTRY] = catalogueEntrySchema(dialect);
  for (const code of [...used].sort((a, b) => Number(a.code) - Number(b.code))) {
    schemas[codeSchemaName(code)] = codeSchema(code, dialect);
  }
  const responses = (components.responses ??= {});
  responses[INTERNAL_ERROR_RESPONSE] = sharedResponses.get(500)!.response;
  const unavailable = sharedResponses.get(503);
  if (unavailable) {
    responses[SERVICE_UNAVAILABLE_RESPONSE] = {
      ...unavailable.response,
      headers: {
        ...(unavailable.response.headers as Schema),
        'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
      },
    };
  }
  return document;
}

function catalogueErrors(context: RouteErrorContext, entry: boolean): PossibleError[] {
  const requestLevel = requestLevelErrors(context, { readsBody: false, hasPathParameters: entry });
  return entry ? [...requestLevel, ...CATALOGUE_ENTRY_ERRORS] : requestLevel;
}

/**
 * The handler of an operation. With @nestjs/swagger's default ids, a versioned route's
 * id ends in `_<version>` and each path of a handler with several paths in `[<n>]`: the
 * handler whose own id starts the operation's (the longest one) is the one.
 */
function findRoute(
  routes: ReadonlyMap<string, DiscoveredRoute>,
  operationId: string | undefined,
  defaultIds: boolean,
): DiscoveredRoute | undefined {
  if (operationId === undefined) return undefined;
  const exact = routes.get(operationId);
  if (exact || !defaultIds) return exact;
  let found: { id: string; route: DiscoveredRoute } | undefined;
  for (const [id, route] of routes) {
    const derived = operationId.startsWith(`${id}_`) || operationId.startsWith(`${id}[`);
    if (derived && (!found || id.length > found.id.length)) found = { id, route };
  }
  return found?.route;
}

interface Operation {
  operationId?: string;
  responses?: Record<string, Schema | undefined>;
}

/** Keeps what the app wrote about the status (`@ApiResponse({ description })`) before the codes. */
function merged(existing: Schema | undefined, generated: Schema): Schema {
  const written = typeof existing?.description === 'string' ? existing.description.trim() : '';
  return written === '' ? generated : { ...generated, description: `${written}\n\n${generated.description as string}` };
}

function lookUp<T>(app: INestApplicationContext, token: unknown): T {
  try {
    return app.get(token as string, { strict: false }) as T;
  } catch {
    throw new Error(
      `documentErrors needs the app's ErrorsModule (ErrorsModule.forRoot()), whose code registry and options say what the routes answer; ${API_ERROR} schemas were not added.`,
    );
  }
}

function requireRegistered(registry: ErrorCodeRegistry, code: ErrorCode, where: string): void {
  if (registry.get(code.code) === code) return;
  const registered = registry.get(code.code);
  throw new Error(
    registered
      ? `${where} can answer with ${code.code} ${code.name}, but the registry has ${code.code} as ${registered.name}: two definitions share a code.`
      : `${where} can answer with ${code.code} ${code.name}, which ErrorsModule does not register: add it to ErrorsModule.forRoot({ codes }).`,
  );
}
