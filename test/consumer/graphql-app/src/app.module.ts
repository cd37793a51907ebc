import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { ErrorsModule, ContractValidationPipe } from 'nest-error-contract';
import { GraphQLErrorFormatter, GraphQLErrorsModule } from 'nest-error-contract/graphql';
import { THING_NOT_FOUND, ThingsResolver } from './things.resolver.js';

/** Apollo on Express, Mercurius on Fastify, with the library's formatter on each. */
function graphql(fastify: boolean): DynamicModule {
  const common = { autoSchemaFile: true, graphiql: false } as const;
  return fastify
    ? GraphQLModule.forRootAsync<MercuriusDriverConfig>({
        driver: MercuriusDriver,
        imports: [GraphQLErrorsModule],
        inject: [GraphQLErrorFormatter],
        useFactory: (errors: GraphQLErrorFormatter) => ({
          ...common,
          transformSchema: errors.documentSchema([ThingsResolver]),
          ...errors.mercurius(),
        }),
      })
    : GraphQLModule.forRootAsync<ApolloDriverConfig>({
        driver: ApolloDriver,
        imports: [GraphQLErrorsModule],
        inject: [GraphQLErrorFormatter],
        useFactory: (errors: GraphQLErrorFormatter) => ({
          ...common,
          transformSchema: errors.documentSchema([ThingsResolver]),
          ...errors.apollo(),
        }),
      });
}

@Module({
  imports: [
    ErrorsModule.forRoot({ codes: [THING_NOT_FOUND], database: false }),
    graphql(process.env.HTTP_ADAPTER === 'fastify'),
  ],
  providers: [ThingsResolver, { provide: APP_PIPE, useFactory: () => new ContractValidationPipe() }],
})
export class AppModule {}
