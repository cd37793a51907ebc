import { Injectable, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { GraphQLSchema } from 'graphql';
import { ErrorRuntime } from '../../runtime/error-runtime.js';
import { ApolloErrorOptions, apolloErrorOptions } from './apollo.js';
import { GraphQLErrorAnswerer } from './graphql-answerer.js';
import { MercuriusErrorOptions, mercuriusErrorOptions } from './mercurius.js';
import { ResolverClass, documentSchemaErrors } from './schema-errors.js';

/**
 * The driver options that answer GraphQL errors in the contract. Resolvers' failures are
 * translated by ErrorsModule's filter (the same translators, codes and locales as HTTP);
 * these options put each contract error in its own entry of `errors` and answer what no
 * filter sees (GraphQL's own refusals, its execution errors). Inject it into
 * `GraphQLModule.forRootAsync({ imports: [GraphQLErrorsModule], inject: [GraphQLErrorFormatter], ... })`.
 */
@Injectable()
export class GraphQLErrorFormatter {
  private answerer: GraphQLErrorAnswerer | undefined;

  /** @internal Nest constructs it. */
  constructor(private readonly moduleRef: ModuleRef) {}

  /** For `ApolloDriver`: `formatError` and a plugin (add your own plugins after it). */
  apollo(): ApolloErrorOptions {
    return apolloErrorOptions(() => this.transport());
  }

  /** For `MercuriusDriver`: `errorFormatter`. */
  mercurius(): MercuriusErrorOptions {
    return mercuriusErrorOptions(() => this.transport());
  }

  /**
   * For the `transformSchema` option of either driver: each root field resolved by
   * these resolvers lists in its description the error codes it can answer with.
   */
  documentSchema(resolvers: readonly ResolverClass[]): <Schema extends GraphQLSchema>(schema: Schema) => Schema {
    return (schema) => documentSchemaErrors(schema, resolvers, this.transport().schemaContext) as typeof schema;
  }

  /** The GraphQL transport on ErrorsModule's runtime, found once, at first use (the module may start after this one). */
  private transport(): GraphQLErrorAnswerer {
    this.answerer ??= new GraphQLErrorAnswerer(this.moduleRef.get(ErrorRuntime, { strict: false }));
    return this.answerer;
  }
}

/** Provides GraphQLErrorFormatter; needs ErrorsModule.forRoot() in the app. */
@Module({ providers: [GraphQLErrorFormatter], exports: [GraphQLErrorFormatter] })
export class GraphQLErrorsModule {}
