import {
  Inject,
  Logger,
  MiddlewareConsumer,
  Module,
  NestModule,
  NotFoundException,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { BUILTIN_CODES } from './codes/builtin-codes';
import { ErrorCodeRegistry } from './codes/registry';
import { createDatabaseTranslator } from './database';
import { ConfigurableErrorsModule, ERRORS_MODULE_OPTIONS, ErrorsModuleOptions } from './errors.options';
import { BodyMediaTypeGuard } from './filter/body-media-type.guard';
import { installClientErrorHandler } from './filter/client-error.handler';
import { ErrorContractFilter } from './filter/error-contract.filter';
import { DEFAULT_REQUEST_ID_HEADER } from './filter/request-id';
import { installRequestIdHook } from './filter/request-id.hooks';
import { defaultTranslators } from './translators';

/**
 * `ErrorsModule.forRoot(options)` / `forRootAsync({ useFactory, inject })` installs the
 * catch-all filter (through APP_FILTER, so it gets dependency injection), the request
 * id hook and the body media-type guard, and registers the app's codes. A code
 * registered twice makes start-up fail with a message naming both definitions.
 */
@Module({
  providers: [
    {
      provide: ErrorCodeRegistry,
      inject: [ERRORS_MODULE_OPTIONS],
      useFactory: (options: ErrorsModuleOptions) =>
        new ErrorCodeRegistry().register(BUILTIN_CODES, 'library').register(options.codes ?? [], 'application'),
    },
    ErrorContractFilter,
    { provide: APP_FILTER, useExisting: ErrorContractFilter },
    BodyMediaTypeGuard,
    { provide: APP_GUARD, useExisting: BodyMediaTypeGuard },
  ],
  exports: [ErrorCodeRegistry],
})
export class ErrorsModule extends ConfigurableErrorsModule implements NestModule, OnApplicationBootstrap {
  constructor(
    @Inject(ERRORS_MODULE_OPTIONS) private readonly options: ErrorsModuleOptions,
    private readonly filter: ErrorContractFilter,
    private readonly moduleRef: ModuleRef,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    super();
  }

  /**
   * Nest calls this while it registers middleware, after the body parsers and before
   * the routes: the place where a platform hook runs for every request.
   */
  configure(_consumer: MiddlewareConsumer): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter) installRequestIdHook(adapter, this.requestIdHeader());
  }

  private requestIdHeader(): string {
    return (this.options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER).toLowerCase();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.coverWhatNestDoesNotRoute();
    await this.installDatabaseTranslator();
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
    if (server) installClientErrorHandler(server, this.requestIdHeader());
    if (adapter.getType() === 'express') {
      const filter = this.filter;
      adapter.use((request: unknown, response: unknown, next: unknown) => {
        const host = new ExecutionContextHost([request, response, next]);
        host.setType('http');
        filter.catch(new NotFoundException(), host);
      });
    }
  }

  /** The database translator needs the app's DataSource, which exists only once modules are up. */
  private async installDatabaseTranslator(): Promise<void> {
    if (this.options.database === false) return;
    const logger = this.options.logger ?? new Logger('ErrorContract');
    const databaseTranslator = await createDatabaseTranslator(this.options.database ?? {}, {
      dataSource: this.findDataSource(),
      warn: (message) => logger.warn(message),
    });
    this.filter.useTranslators(defaultTranslators(this.options.translators, databaseTranslator));
  }

  /** TypeORM is optional: an app without it simply gets no metadata mapping. */
  private findDataSource(): unknown {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { DataSource } = require('typeorm') as typeof import('typeorm');
      return this.moduleRef.get(DataSource, { strict: false });
    } catch {
      return undefined;
    }
  }
}
