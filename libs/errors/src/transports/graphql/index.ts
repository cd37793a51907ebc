// The public API of nest-error-contract/graphql: GraphQL errors in the contract, for
// apps on @nestjs/graphql with Apollo or Mercurius. `graphql` is an optional peer: the
// root entry never loads this file. The committed report api/graphql.api.md lists it.
export { GraphQLErrorFormatter, GraphQLErrorsModule } from './graphql-errors.module.js';
export type { ApolloErrorOptions, ApolloFormattedError, ApolloRequestContext } from './apollo.js';
export type { MercuriusErrorOptions, MercuriusExecution } from './mercurius.js';
export type { ContractExtensions, ContractGraphQLError } from './graphql-error.js';
export type { GraphQLErrorLike } from './graphql-formatting.js';
export type { ResolverClass } from './schema-errors.js';
