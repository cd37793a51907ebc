import { INestApplicationContext, PipeTransform, UsePipes } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { routeTable } from '../routes/route-table.js';
import { RouteParameter, routeParameters } from '../transports/http/route-arguments.js';

/** One handler of a controller, with what decides the errors it can answer. */
export interface DiscoveredRoute {
  controller: abstract new (...args: never[]) => unknown;
  handlerName: string;
  handler: (...args: never[]) => unknown;
  /** Its `@Body()`, `@Query()` and `@Param()` parameters, each with its declared type. */
  parameters: Array<RouteParameter & { metatype: unknown }>;
  /** Pipes that run on every parameter: `@UsePipes()` of the controller, then of the handler. */
  pipes: readonly unknown[];
  /** Whether its path has parameters (`/users/:id`): the router can refuse such a path. */
  hasPathParameters: boolean;
  /** The HTTP methods it answers (`POST`). */
  methods: string[];
}

/** Builds the operationId of a handler, as `SwaggerModule.createDocument`'s option of that name does. */
export type OperationIdFactory = (controllerKey: string, methodKey: string, version?: string) => string;

/** `@nestjs/swagger`'s default: `UsersController_create`. */
export const DEFAULT_OPERATION_ID: OperationIdFactory = (controllerKey, methodKey) =>
  controllerKey ? `${controllerKey}_${methodKey}` : methodKey;

/**
 * `@UsePipes()` is stored under a key of Nest's own, on the class or the handler
 * function; like the parameter metadata (route-arguments.ts), the key is learnt from a
 * probe decorated with the public decorator instead of importing Nest's constants.
 */
class ProbePipe implements PipeTransform {
  transform(value: unknown): unknown {
    return value;
  }
}
@UsePipes(ProbePipe)
class PipesProbe {
  @UsePipes(ProbePipe)
  handler(): void {}
}

function learnPipesKey(): unknown {
  for (const key of Reflect.getOwnMetadataKeys(PipesProbe)) {
    const value: unknown = Reflect.getOwnMetadata(key, PipesProbe);
    if (Array.isArray(value) && value.includes(ProbePipe)) return key;
  }
  throw new Error('Could not find how Nest stores @UsePipes() metadata; nest-error-contract needs an update.');
}

const PIPES_KEY = learnPipesKey();

function pipesOf(holder: object): unknown[] {
  const pipes: unknown = Reflect.getMetadata(PIPES_KEY, holder);
  return Array.isArray(pipes) ? pipes : [];
}

/**
 * Every controller handler of the app, keyed by the operationId the OpenAPI document
 * gives it. Found through Nest's public DiscoveryService and MetadataScanner.
 */
export function discoverRoutes(
  app: Pick<INestApplicationContext, 'get'>,
  operationId: OperationIdFactory = DEFAULT_OPERATION_ID,
): Map<string, DiscoveredRoute> {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes = new Map<string, DiscoveredRoute>();
  const controllers = new Set(discovery.getControllers().map((wrapper) => wrapper.metatype));
  for (const controller of controllers) {
    if (typeof controller !== 'function') continue;
    const table = routeTable([controller as DiscoveredRoute['controller']]);
    const prototype = controller.prototype as Record<string, unknown>;
    for (const handlerName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[handlerName] as DiscoveredRoute['handler'];
      if (typeof handler !== 'function') continue;
      const types = (Reflect.getMetadata('design:paramtypes', prototype, handlerName) as unknown[] | undefined) ?? [];
      routes.set(operationId(controller.name, handlerName), {
        controller: controller as DiscoveredRoute['controller'],
        handlerName,
        handler,
        parameters: routeParameters(controller, handlerName).map((parameter) => ({
          ...parameter,
          metatype: types[parameter.index],
        })),
        pipes: [...pipesOf(controller), ...pipesOf(handler)],
        hasPathParameters: table.some((entry) => entry.handlerName === handlerName && entry.path.includes('{')),
        methods: [...new Set(table.filter((entry) => entry.handlerName === handlerName).map((entry) => entry.method))],
      });
    }
  }
  return routes;
}

/**
 * The pipes registered with `APP_PIPE` (found as providers); the ones given to
 * `app.useGlobalPipes()` are not providers, so the caller passes those.
 */
export function providedGlobalPipes(app: Pick<INestApplicationContext, 'get'>): unknown[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  return discovery
    .getProviders()
    .filter((wrapper) => wrapper.subtype === 'pipe' && wrapper.instance)
    .map((wrapper) => wrapper.instance as unknown);
}
