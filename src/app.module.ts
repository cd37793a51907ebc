import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ErrorsModule, ContractValidationPipe } from 'nest-error-contract';
import { AppConfig, DEFAULT_THROTTLE_LIMIT, configFromEnv } from './config';
import { SCHEMAS } from './database/database.constants';
import { CONSTRAINT_RULES } from './database/constraint-rules';
import { dataSourceOptions, openDataSource, schemasOf } from './database/data-source';
import { APP_ERROR_CODES } from './errors/app-error-codes';
import { APP_ERROR_MESSAGES } from './errors/app-error-messages';
import { DrainingGuard } from './lifecycle/draining.guard';
import { RequestDrain } from './lifecycle/request-drain';
import { translateServerShuttingDown } from './lifecycle/server-shutting-down';
import { GraphQLApiModule } from './graphql/graphql-api.module';
import { TablesModule } from './tables/tables.module';
import { UsersModule } from './users/users.module';

/**
 * The sample app: `AppModule.forRoot(config)` with the database to use, so that
 * `npm start` (src/main.ts) and the end-to-end tests build the very same app.
 *
 * - TypeORM connects through `openDataSource`, which creates the schemas and runs the
 *   migrations before anything else starts (no `synchronize`).
 * - ErrorsModule gets the app's codes, their German messages and the constraint
 *   registry; it reads the DataSource's catalog at bootstrap and refuses to start on a
 *   misspelt constraint.
 * - `config.graphql` adds `POST /graphql` (Apollo or Mercurius) over the same services.
 * - Every body and query is checked by the library's validation pipe (APP_PIPE), which
 *   refuses arrays over 100 items, objects over 1600 keys and lone surrogates
 *   before any rule runs.
 * - While the app shuts down, routed requests are refused with 503 (DrainingGuard) and
 *   the ones in flight finish (RequestDrain; src/lifecycle/graceful-shutdown.ts).
 * - `POST /users` is rate-limited per client by @nestjs/throttler (`throttleLimit` per
 *   minute; the guard is on that route only, ContractThrottlerGuard).
 */
@Global()
@Module({})
export class AppModule {
  static forRoot(config: AppConfig = configFromEnv()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config.database), retryAttempts: 1 }),
          dataSourceFactory: (options) => openDataSource(config.database, options),
        }),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: config.throttleLimit ?? DEFAULT_THROTTLE_LIMIT }],
        }),
        ErrorsModule.forRoot({
          codes: APP_ERROR_CODES,
          messages: APP_ERROR_MESSAGES,
          translators: [translateServerShuttingDown],
          database: { constraints: CONSTRAINT_RULES, verifyConstraints: 'throw' },
          // Every code at /errors (HTML or JSON); Problem Details `type`s link there.
          catalogue: { path: '/errors' },
        }),
        UsersModule,
        TablesModule,
        ...(config.graphql ? [GraphQLApiModule.forRoot(config.graphql)] : []),
      ],
      providers: [
        { provide: SCHEMAS, useValue: schemasOf(config.database) },
        RequestDrain,
        { provide: APP_GUARD, useClass: DrainingGuard },
        {
          provide: APP_PIPE,
          // No array of this API holds more than 32 items: 100 leaves room and bounds the
          // work a body can ask of the nested validation. Record values have one key per
          // column, and PostgreSQL allows 1600 columns (see docs/security.md).
          useFactory: () =>
            new ContractValidationPipe({
              whitelist: true,
              forbidNonWhitelisted: true,
              transform: true,
              maxArrayLength: 100,
              maxProperties: 1600,
            }),
        },
      ],
      exports: [SCHEMAS],
    };
  }
}
