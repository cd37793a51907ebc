import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Inject, LoggerService, Module } from '@nestjs/common';
import { Args, Field, GraphQLModule, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { IsEmail, IsIn, IsInt, IsUrl, Length, Max, Min } from 'class-validator';
import { ErrorsModule } from 'nest-error-contract';
import { GraphQLErrorFormatter, GraphQLErrorsModule } from 'nest-error-contract/graphql';
import { BenchUsersService, OurUsersService, StockUsersService, USERS_SERVICE, Variant } from './apps';

/**
 * The GraphQL side of `npm run bench:cost`: the REST scenarios' rules and services behind
 * `POST /graphql`, Apollo on Express and Mercurius on Fastify. Ours: ErrorsModule and
 * the library's formatter; stock: the driver's own error formatting and Nest's
 * ValidationPipe. Every field is a GraphQL String, so the seven violations are the
 * validation pipe's (GraphQL itself would refuse a non-integer `age` first).
 */
@InputType()
class BenchUserInput {
  @Field()
  @Length(3, 30)
  username!: string;

  @Field()
  @IsEmail()
  email!: string;

  @Field()
  @IsInt()
  @Min(13)
  @Max(130)
  age!: string;

  @Field()
  @IsUrl()
  website!: string;

  @Field()
  @IsIn(['user', 'admin'])
  role!: string;
}

@ObjectType()
class BenchUserType {
  @Field(() => Int)
  id!: number;
}

@Resolver(() => BenchUserType)
class BenchResolver {
  constructor(@Inject(USERS_SERVICE) private readonly users: BenchUsersService) {}

  @Query(() => BenchUserType, { nullable: true })
  user(@Args('id') id: string) {
    return this.users.find(id);
  }

  @Mutation(() => BenchUserType, { nullable: true })
  createUser(@Args('input') _input: BenchUserInput) {
    return { id: 1 };
  }
}

/** `createUser` with seven violated rules (one on four fields, all three of `age`). */
export const GRAPHQL_SEVEN_VIOLATIONS_BODY = JSON.stringify({
  query: 'mutation($input: BenchUserInput!) { createUser(input: $input) { id } }',
  variables: { input: { username: 'x', email: 'not-an-email', age: 'old', website: 'not a url', role: 'god' } },
});

/** `user(id)` whose service throws not-found. */
export const GRAPHQL_NOT_FOUND_BODY = JSON.stringify({ query: '{ user(id: "42") { id } }' });

@Module({})
export class BenchGraphQLModule {
  static register(options: { variant: Variant; adapter: 'express' | 'fastify'; logger: LoggerService }): DynamicModule {
    const ours = options.variant === 'ours';
    const common = { autoSchemaFile: true, graphiql: false } as const;
    const graphql =
      options.adapter === 'express'
        ? ours
          ? GraphQLModule.forRootAsync<ApolloDriverConfig>({
              driver: ApolloDriver,
              imports: [GraphQLErrorsModule],
              inject: [GraphQLErrorFormatter],
              useFactory: (errors: GraphQLErrorFormatter) => ({ ...common, ...errors.apollo() }),
            })
          : GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...common })
        : ours
          ? GraphQLModule.forRootAsync<MercuriusDriverConfig>({
              driver: MercuriusDriver,
              imports: [GraphQLErrorsModule],
              inject: [GraphQLErrorFormatter],
              useFactory: (errors: GraphQLErrorFormatter) => ({ ...common, ...errors.mercurius() }),
            })
          : GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, ...common });
    return {
      module: BenchGraphQLModule,
      imports: [...(ours ? [ErrorsModule.forRoot({ logger: options.logger, database: false })] : []), graphql],
      providers: [BenchResolver, { provide: USERS_SERVICE, useClass: ours ? OurUsersService : StockUsersService }],
    };
  }
}
