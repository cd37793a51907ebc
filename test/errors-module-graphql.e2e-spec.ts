import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { ForbiddenException, LoggerService } from '@nestjs/common';
import { Field, GraphQLModule, Int, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { ConflictError, ErrorsModule, defineErrorCode } from 'nest-error-contract';
import { GraphQLErrorFormatter, GraphQLErrorsModule } from 'nest-error-contract/graphql';
import { ADAPTERS, AdapterName, TestApp, createTestApp } from './support/test-app';

jest.setTimeout(60_000);

/**
 * ErrorsModule with a GraphQL app of its own (no database): Nest's HTTP exceptions,
 * domain exceptions, anything unexpected thrown in a resolver or by a field no filter
 * sees, on Apollo (Express) and Mercurius (Fastify), with the one log line of a 5xx.
 */
const SLOT_TAKEN = defineErrorCode('6900', 'SLOT_TAKEN', 409, 'The slot is taken.');

@ObjectType()
class Thing {
  @Field(() => Int)
  id!: number;

  // A plain property resolver: GraphQL runs it, Nest's filters never see it.
  @Field()
  get secret(): string {
    throw new Error('password=hunter2 in the driver text');
  }
}

@Resolver(() => Thing)
class ThingsResolver {
  @Query(() => Thing, { nullable: true })
  forbidden(): Thing {
    throw new ForbiddenException();
  }

  @Query(() => Thing, { nullable: true })
  conflict(): Thing {
    throw new ConflictError('slot', { code: SLOT_TAKEN });
  }

  @Query(() => Thing, { nullable: true })
  crash(): Thing {
    throw new Error('connect ECONNREFUSED 10.0.0.7:5432 user=admin', { cause: new Error('the inner cause') });
  }

  @Query(() => Thing, { nullable: true })
  thing(): Thing {
    return Object.assign(new Thing(), { id: 1 });
  }

  @ResolveField(() => Int, { nullable: true })
  doubled(): number {
    throw new ForbiddenException();
  }
}

function graphqlModule(adapter: AdapterName, withFormatter: boolean) {
  const common = { autoSchemaFile: true, graphiql: false } as const;
  return adapter === 'express'
    ? GraphQLModule.forRootAsync<ApolloDriverConfig>({
        driver: ApolloDriver,
        imports: [GraphQLErrorsModule],
        inject: [GraphQLErrorFormatter],
        useFactory: (errors: GraphQLErrorFormatter) => ({ ...common, ...(withFormatter ? errors.apollo() : {}) }),
      })
    : GraphQLModule.forRootAsync<MercuriusDriverConfig>({
        driver: MercuriusDriver,
        imports: [GraphQLErrorsModule],
        inject: [GraphQLErrorFormatter],
        useFactory: (errors: GraphQLErrorFormatter) => ({ ...common, ...(withFormatter ? errors.mercurius() : {}) }),
      });
}

describe.each(ADAPTERS)('ErrorsModule with GraphQL on %s', (adapter) => {
  let app: TestApp;
  const errors: string[] = [];
  const logger: LoggerService = {
    log: () => undefined,
    warn: () => undefined,
    error: (message) => errors.push(String(message)),
  };

  beforeAll(async () => {
    app = await createTestApp(adapter, {
      imports: [ErrorsModule.forRoot({ logger, codes: [SLOT_TAKEN], database: false }), graphqlModule(adapter, true)],
      providers: [ThingsResolver],
    });
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(() => {
    errors.length = 0;
  });

  const query = (text: string, requestId: string) =>
    app.http().post('/graphql').set('x-request-id', requestId).send({ query: text });
  const extensions = (code: string, errorCode: string, details: unknown, requestId: string) => ({
    code,
    error_code: errorCode,
    field: null,
    details,
    request_id: requestId,
  });

  it("answers Nest's HTTP exceptions and domain exceptions with their codes, logging nothing", async () => {
    const response = await query('{ forbidden { id } conflict { id } }', 'r-1');
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ forbidden: null, conflict: null });
    // Parallel fields: GraphQL lists their errors in the order they settle.
    const byPath = (a: { path: string[] }, b: { path: string[] }) => b.path[0].localeCompare(a.path[0]);
    expect([...(response.body.errors as Array<{ path: string[] }>)].sort(byPath)).toEqual([
      {
        message: 'You are not allowed to do this.',
        locations: [{ line: 1, column: 3 }],
        path: ['forbidden'],
        extensions: extensions('HTTP_FORBIDDEN', '1403', null, 'r-1'),
      },
      {
        message: 'The slot is taken.',
        locations: [{ line: 1, column: 20 }],
        path: ['conflict'],
        extensions: extensions('SLOT_TAKEN', '6900', null, 'r-1'),
      },
    ]);
    expect(errors).toEqual([]);
  });

  it('answers anything unexpected with the generic message and the request id, logged once with stack and cause', async () => {
    const response = await query('{ crash { id } }', 'r-2');
    expect(response.body.errors).toEqual([
      {
        message: 'Something went wrong on our side. Quote the request id if you report it.',
        locations: [{ line: 1, column: 3 }],
        path: ['crash'],
        extensions: extensions('INTERNAL_ERROR', '5000', { request_id: 'r-2' }, 'r-2'),
      },
    ]);
    expect(JSON.stringify(response.body)).not.toContain('ECONNREFUSED');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^500 \[5000\] graphql crash request_id=r-2: Error: connect ECONNREFUSED/u);
    expect(errors[0]).toContain('Caused by: Error: the inner cause');
    expect(errors[0]).toContain('errors-module-graphql.e2e-spec.ts'); // the stack
  });

  it('answers an error no filter saw (a property resolver) the same way, in its place, and keeps the data', async () => {
    const response = await query('{ thing { id secret } }', 'r-3');
    expect(response.body.data).toEqual({ thing: null });
    expect(response.body.errors).toEqual([
      {
        message: 'Something went wrong on our side. Quote the request id if you report it.',
        locations: [{ line: 1, column: 14 }],
        path: ['thing', 'secret'],
        extensions: extensions('INTERNAL_ERROR', '5000', { request_id: 'r-3' }, 'r-3'),
      },
    ]);
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^500 \[5000\] graphql thing\.secret request_id=r-3: Error: password=hunter2/u);
  });

  it("answers a field resolver's failure in its place: the parent's other fields keep their data", async () => {
    const response = await query('{ thing { id doubled } }', 'r-4');
    expect(response.body.data).toEqual({ thing: { id: 1, doubled: null } });
    expect(response.body.errors).toEqual([
      {
        message: 'You are not allowed to do this.',
        locations: [{ line: 1, column: 14 }],
        path: ['thing', 'doubled'],
        extensions: extensions('HTTP_FORBIDDEN', '1403', null, 'r-4'),
      },
    ]);
  });
});

describe.each(ADAPTERS)('ErrorsModule with GraphQL, without the formatter, on %s', (adapter) => {
  it("still answers a resolver's first contract error in extensions (the driver formats the rest)", async () => {
    const app = await createTestApp(adapter, {
      imports: [
        ErrorsModule.forRoot({ database: false, logger: { log() {}, warn() {}, error() {} } }),
        graphqlModule(adapter, false),
      ],
      providers: [ThingsResolver],
    });
    try {
      const response = await app
        .http()
        .post('/graphql')
        .set('x-request-id', 'r-5')
        .send({ query: '{ forbidden { id } }' });
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors[0]).toMatchObject({
        message: 'You are not allowed to do this.',
        extensions: { code: 'HTTP_FORBIDDEN', error_code: '1403', field: null, details: null, request_id: 'r-5' },
      });
    } finally {
      await app.close();
    }
  });
});
