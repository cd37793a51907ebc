import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { TablesModule } from '../tables/tables.module';
import { UsersModule } from '../users/users.module';
import { ColumnsResolver } from './columns.resolver';
import { UsersResolver } from './users.resolver';

/** Apollo Server runs on Express, Mercurius on Fastify (the app's HTTP adapter decides). */
export type GraphQLDriverName = 'apollo' | 'mercurius';

/** Where the GraphQL endpoint is (outside the REST prefix). */
export const GRAPHQL_PATH = '/graphql';

/**
 * `POST /graphql`, code-first: the schema is generated from the resolvers and types in
 * this folder, in memory. The resolvers call the services the REST controllers call.
 */
@Module({})
export class GraphQLApiModule {
  static forRoot(driver: GraphQLDriverName): DynamicModule {
    const common = { path: GRAPHQL_PATH, autoSchemaFile: true, sortSchema: true, graphiql: false } as const;
    return {
      module: GraphQLApiModule,
      imports: [
        UsersModule,
        TablesModule,
        driver === 'apollo'
          ? GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...common })
          : GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, ...common }),
      ],
      providers: [UsersResolver, ColumnsResolver],
    };
  }
}
