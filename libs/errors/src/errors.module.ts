import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule, OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, ApplicationConfig, HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { serveCatalogue } from './catalogue/catalogue-routes.js';
import { ErrorCatalogue } from './catalogue/error-catalogue.js';
import { RouteMethods } from './routes/route-methods.js';
import { ErrorCodeRegistry } from './codes/registry.js';
import { SchemaLearningDatabaseTranslator } from './database/schema-learning.translator.js';
import {
  ConfigurableErrorsModule,
  ERRORS_MODULE_OPTIONS,
  ErrorsModuleAsyncOptions,
  ErrorsModuleOptions,
} from './errors.options.js';
import { ERRORS_SETTINGS, ErrorsSettings, resolveSettings } from './errors.settings.js';
import { BodyMediaTypeGuard } from './transports/http/body-media-type.guard.js';
import { installClientErrorHandler } from './transports/http/client-error.handler.js';
import { answerRequestsWithoutHost } from './transports/http/missing-host.handler.js';
import { ErrorContractFilter } from './filter/error-contract.filter.js';
import { HttpRequest, HttpResponse } from './transports/http/http-transport.js';
import { ERROR_TELEMETRY, errorTelemetryProvider } from './integrations/opentelemetry/error-telemetry.provider.js';
import type { ErrorTelemetry } from './integrations/opentelemetry/error-telemetry.js';
import { ErrorRuntime } from './runtime/error-runtime.js';
import { attachRuntimeToFastify } from './transports/http/fastify-framework-errors.js';
import { installFastifyRequestHook } from './transports/http/fastify-request.hook.js';
import { installRequestIdHook } from './transports/http/request-id.hooks.js';
import { answerUnknownRoutes } from './transports/http/route-not-found.handler.js';

/**
 * `ErrorsModule.forRoot(options)` / `forRootAsync({ useFactory, inject })` installs the
 * catch-all filter (through APP_FILTER, so it gets dependency injection), the request
 * id hook and the body media-type guard, and registers the app's codes. A code
 * registered twice makes start-up fail with a message naming both definitions.
 */
@Module({
  providers: [
    { provide: ERRORS_SETTINGS, inject: [ERRORS_MODULE_OPTIONS], useFactory: resolveSettings },
    {
      provide: SchemaLearningDatabaseTranslator,
      inject: [ERRORS_SETTINGS],
      useFactory: (settings: ErrorsSettings) =>
        settings.database === false ? null : new SchemaLearningDatabaseTranslator(settings.database),
    },
    {
      // The one runtime: built once, here; everything that answers an error reads it.
      provide: ErrorRuntime,
      inject: [ERRORS_SETTINGS, SchemaLearningDatabaseTranslator, ERROR_TELEMETRY],
      useFactory: (
        settings: ErrorsSettings,
        database: SchemaLearningDatabaseTranslator | null,
        telemetry: ErrorTelemetry | null,
      ) => ErrorRuntime.create(settings, database?.translator, telemetry ?? undefined),
    },
    errorTelemetryProvider,
    { provide: ErrorCodeRegistry, inject: [ErrorRuntime], useFactory: (runtime: ErrorRuntime) => runtime.registry },
    {
      provide: ErrorCatalogue,
      inject: [ErrorRuntime, ModuleRef, ApplicationConfig],
      useFactory: ({ settings, registry }: ErrorRuntime, moduleRef: ModuleRef, config: ApplicationConfig) =>
        settings.catalogue === false
          ? null
          : new ErrorCatalogue(
              settings,
              settings.catalogue,
              registry,
              { get: (token: unknown) => moduleRef.get(token as string, { strict: false }) },
              () => config.getGlobalPrefix(),
            ),
    },
    {
      provide: RouteMethods,
      inject: [ModuleRef, ApplicationConfig],
      useFactory: (moduleRef: ModuleRef, config: ApplicationConfig) =>
        new RouteMethods({ get: (token: unknown) => moduleRef.get(token as string, { strict: false }) }, () =>
          config.getGlobalPrefix(),
        ),
    },
    ErrorContractFilter,
    { provide: APP_FILTER, useExisting: ErrorContractFilter },
    BodyMediaTypeGuard,
    {
      // Nest skips a global guard whose factory returns nothing: with bodyChecks off, no
      // guard step runs before the handlers at all.
      provide: APP_GUARD,
      inject: [ERRORS_SETTINGS, BodyMediaTypeGuard],
      useFactory: (settings: ErrorsSettings, guard: BodyMediaTypeGuard) => (settings.bodyChecks ? guard : null),
    },
  ],
  exports: [ErrorRuntime, ErrorCodeRegistry],
})
export class ErrorsModule implements NestModule, OnApplicationBootstrap {
  // Nest's configurable-module builder makes both methods; they are delegated to rather
  // than inherited so that the public class names no type the package does not export.

  /**
   * Installs the filter, the request id hook and the body media-type guard. Every option
   * has a default, so `ErrorsModule.forRoot()` alone answers every error in the contract.
   */
  static forRoot(options: ErrorsModuleOptions & { isGlobal?: boolean } = {}): DynamicModule {
    return { ...ConfigurableErrorsModule.forRoot(options), module: ErrorsModule };
  }

  /** The options from providers: `ErrorsModule.forRootAsync({ imports, inject, useFactory, isGlobal })`. */
  static forRootAsync(options: ErrorsModuleAsyncOptions): DynamicModule {
    return { ...ConfigurableErrorsModule.forRootAsync(options), module: ErrorsModule };
  }

  /** @internal Nest constructs the module. */
  constructor(
    @Inject(ERRORS_SETTINGS) private readonly settings: ErrorsSettings,
    private readonly filter: ErrorContractFilter,
    @Inject(SchemaLearningDatabaseTranslator) private readonly database: SchemaLearningDatabaseTranslator | null,
    private readonly moduleRef: ModuleRef,
    private readonly adapterHost: HttpAdapterHost,
    private readonly runtime: ErrorRuntime,
    @Inject(ErrorCatalogue) private readonly catalogue: ErrorCatalogue | null,
  ) {}

  /**
   * Nest calls this while it registers middleware, after the body parsers and before
   * the routes: the place where a platform hook runs for every request.
   */
  configure(_consumer: MiddlewareConsumer): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const { requestIdOnSuccess, requestIdHeader, bodyChecks } = this.settings;
    if (adapter.getType() === 'fastify') {
      installFastifyRequestHook(
        adapter.getInstance() as Parameters<typeof installFastifyRequestHook>[0],
        requestIdOnSuccess ? requestIdHeader : undefined,
        bodyChecks,
      );
    } else if (requestIdOnSuccess) {
      installRequestIdHook(adapter, requestIdHeader);
    }
    if (this.catalogue) {
      serveCatalogue(adapter, this.catalogue, (exception: unknown, request: HttpRequest, response: HttpResponse) =>
        this.filter.replyTo(exception, request, response),
      );
    }
    if (this.settings.unknownRoutes === 'library') {
      answerUnknownRoutes(adapter, (request: HttpRequest, response: HttpResponse) =>
        this.filter.replyRouteNotFound(request, response),
      );
    }
    if (adapter.getType() === 'fastify') attachRuntimeToFastify(adapter.getInstance() as object, this.runtime);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.coverWhatNestDoesNotRoute();
    if (this.database) await this.database.learn(await this.findDataSource(), (message) => this.warn(message));
  }

  /**
   * Runs after Nest registered its routes and its not-found and exception handlers.
   * Node's HTTP parser answers malformed requests itself, and on Express Nest's
   * not-found handler covers only the global prefix: both would answer outside the
   * contract (an empty 400, an HTML 404 page).
   */
  private coverWhatNestDoesNotRoute(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const server = adapter.getHttpServer?.();
    if (server) {
      installClientErrorHandler(server, this.runtime);
      answerRequestsWithoutHost(server, this.runtime);
    }
    if (adapter.getType() === 'express') {
      adapter.use((request: HttpRequest, response: HttpResponse) => this.filter.replyRouteNotFound(request, response));
    }
  }

  /**
   * The DataSource the option names, else the one TypeOrmModule registered. TypeORM is
   * an optional peer, so it is loaded with `import()`: an app without it still starts,
   * and is told once why constraint names are not mapped through entity metadata.
   */
  private async findDataSource(): Promise<unknown> {
    const database = this.settings.database;
    if (database === false || database.dataSource) return database ? database.dataSource : undefined;
    let typeorm: { DataSource: abstract new (...args: never[]) => unknown };
    try {
      typeorm = await import('typeorm');
    } catch (error) {
      this.settings.logger.log(
        `TypeORM could not be loaded (${(error as Error).message}): database errors are translated without ` +
          'schema knowledge. Install typeorm, pass `database: { dataSource }`, or set `database: false` when the app has no database.',
      );
      return undefined;
    }
    try {
      return this.moduleRef.get(typeorm.DataSource, { strict: false });
    } catch {
      // No TypeOrmModule in this app: nothing to learn. A registry of constraint names
      // without a DataSource is reported by the schema reader.
      return undefined;
    }
  }

  private warn(message: string): void {
    this.settings.logger.warn(message);
  }
}
