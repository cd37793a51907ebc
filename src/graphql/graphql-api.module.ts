import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { GraphQLErrorFormatter, GraphQLErrorsModule } from 'nest-error-contract/graphql';
import { TablesModule } from '../tables/tables.module';
import { UsersModule } from '../users/users.module';
import { ColumnsResolver } from './columns.resolver';
import { UsersResolver } from './users.resolver';

const RESOLVERS = [UsersResolver, ColumnsResolver];

/** Apollo Server runs on Express, Mercurius on Fastify (the app's HTTP adapter decides). */
export type GraphQLDriverName = 'apollo' | 'mercurius';

/** Where the GraphQL endpoint is (outside the REST prefix). */
export const GRAPHQL_PATH = '/graphql';

/**
 * `POST /graphql`, code-first: the schema is generated from the resolvers and types in
 * this folder, in memory. The resolvers call the services the REST controllers call; the
 * library's formatter answers every error in the contract (in `errors[].extensions`), and
 * each root field's description lists the error codes it can answer with.
 * Batches of operations are accepted on both drivers.
 */
@Module({})
export class GraphQLApiModule {
  static forRoot(driver: GraphQLDriverName): DynamicModule {
    const common = { path: GRAPHQL_PATH, autoSchemaFile: true, sortSchema: true, graphiql: false } as const;
    const graphql =
      driver === 'apollo'
        ? GraphQLModule.forRootAsync<ApolloDriverConfig>({
            driver: ApolloDriver,
            imports: [GraphQLErrorsModule],
            inject: [GraphQLErrorFormatter],
            useFactory: (errors: GraphQLErrorFormatter) => ({
              ...common,
              allowBatchedHttpRequests: true,
              transformSchema: errors.documentSchema(RESOLVERS),
              ...errors.apollo(),
            }),
          })
        : GraphQLModule.forRootAsync<MercuriusDriverConfig>({
            driver: MercuriusDriver,
            imports: [GraphQLErrorsModule],
            inject: [GraphQLErrorFormatter],
            useFactory: (errors: GraphQLErrorFormatter) => ({
              ...common,
              allowBatchedQueries: true,
              transformSchema: errors.documentSchema(RESOLVERS),
              ...errors.mercurius(),
            }),
          });
    return {
      module: GraphQLApiModule,
      imports: [UsersModule, TablesModule, graphql],
      providers: RESOLVERS,
    };
  }
}
