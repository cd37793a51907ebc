import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { type } from 'arktype';
import { ErrorResponses, ErrorsModule, ValidationCodes, ContractStandardSchemaPipe } from 'nest-error-contract';
import { documentErrors } from 'nest-error-contract/swagger';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { z } from 'zod';
import {
  ASYNC_SCHEMAS,
  SCHEMA_CASES,
  SCHEMA_LIBRARIES,
  SLUG_INVALID,
  USER_SCHEMAS,
  VALID_USER,
  caseBody,
} from './support/standard-schema-cases';
import { ADAPTERS, TestApp, createTestApp, expectContract } from './support/test-app';

// NestJS 12's own way: `@Body({ schema })`, `@Param('id', { schema })`, `@Query({ schema })`
// with the library's pipe as the global pipe.

/**
 * valibot has no Standard JSON Schema of its own: this wrapper adds one for the OpenAPI
 * document, leaving out the refinements (`errorMode: 'ignore'`), which JSON Schema cannot
 * show anyway.
 */
const VALIBOT_USER = {
  '~standard': {
    ...USER_SCHEMAS.valibot['~standard'],
    jsonSchema: {
      input: ({ target }: { target: string }) =>
        toJsonSchema(USER_SCHEMAS.valibot, { target: target as 'openapi-3.0', errorMode: 'ignore' }),
      output: ({ target }: { target: string }) =>
        toJsonSchema(USER_SCHEMAS.valibot, { target: target as 'openapi-3.0', errorMode: 'ignore' }),
    },
  },
};

@Controller('zod')
class ZodController {
  @Post('users')
  @ErrorResponses(ValidationCodes.INVALID_VALUE, SLUG_INVALID)
  create(@Body({ schema: USER_SCHEMAS.zod }) user: unknown) {
    return user;
  }

  @Post('async')
  createAsync(@Body({ schema: ASYNC_SCHEMAS.zod }) user: unknown) {
    return user;
  }

  @Get('items/:id')
  find(@Param('id', { schema: z.uuid() }) id: string) {
    return { id };
  }

  @Get('items')
  list(@Query({ schema: z.object({ page: z.coerce.number().int().min(1) }) }) query: unknown) {
    return query;
  }
}

@Controller('valibot')
class ValibotController {
  @Post('users')
  @ErrorResponses(ValidationCodes.INVALID_VALUE, SLUG_INVALID)
  create(@Body({ schema: VALIBOT_USER }) user: unknown) {
    return user;
  }

  @Post('async')
  createAsync(@Body({ schema: ASYNC_SCHEMAS.valibot }) user: unknown) {
    return user;
  }

  @Get('items/:id')
  find(@Param('id', { schema: v.pipe(v.string(), v.uuid()) }) id: string) {
    return { id };
  }
}

@Controller('arktype')
class ArktypeController {
  @Post('users')
  @ErrorResponses(ValidationCodes.INVALID_VALUE, SLUG_INVALID)
  create(@Body({ schema: USER_SCHEMAS.arktype }) user: unknown) {
    return user;
  }

  @Get('items/:id')
  find(@Param('id', { schema: type('string.uuid') }) id: string) {
    return { id };
  }
}

@Module({
  imports: [ErrorsModule.forRoot({ codes: [SLUG_INVALID] })],
  controllers: [ZodController, ValibotController, ArktypeController],
  providers: [
    { provide: APP_PIPE, useValue: new ContractStandardSchemaPipe({ codes: { slug: SLUG_INVALID }, maxErrors: 5 }) },
  ],
})
class SchemaAppModule {}

describe.each(ADAPTERS)('Standard Schema validation (%s)', (adapter) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(adapter, { imports: [SchemaAppModule] });
  });
  afterAll(() => app.close());

  describe.each(SCHEMA_LIBRARIES)('%s', (library) => {
    it('accepts the valid body and returns what the schema produced', async () => {
      const response = await app.http().post(`/${library}/users`).send(VALID_USER).expect(201);
      // Every library's transform turned the amount into a number
      expect(response.body).toEqual({ ...VALID_USER, amount: 12.5 });
    });

    it.each(SCHEMA_CASES.map((schemaCase) => [schemaCase.name, schemaCase] as const))('%s', async (_, schemaCase) => {
      const response = await app.http().post(`/${library}/users`).send(caseBody(schemaCase.change)).expect(400);
      const exception = schemaCase.except?.[library];
      expect(expectContract(response)).toEqual(exception ? exception.expected : schemaCase.expected);
    });

    it('answers in the negotiated locale, from the catalogue (German)', async () => {
      const response = await app
        .http()
        .post(`/${library}/users`)
        .set('Accept-Language', 'de')
        .send(caseBody({ username: 'ab', email: 'ada', confirm: 'other' }))
        .expect(400);
      // The schema's own English message goes out with the German ones (arktype does not raise it here)
      expect(response.headers['content-language']).toBe(library === 'arktype' ? 'de' : 'de, en');
      expect(expectContract(response)).toEqual([
        { message: 'Email muss eine E-Mail-Adresse sein.', error_code: '2056', field: 'email', details: null },
        {
          message: 'Username muss mindestens 3 Zeichen lang sein.',
          error_code: '2050',
          field: 'username',
          details: { min: 3 },
        },
        // The schema's own message stays as written. arktype runs a narrow of the object
        // only once its keys are valid; zod and valibot run this one, its keys being valid.
        ...(library === 'arktype'
          ? []
          : [{ message: 'Passwords must match.', error_code: '2000', field: 'confirm', details: null }]),
      ]);
    });

    it('answers RFC 9457 problem+json with the same errors', async () => {
      const response = await app
        .http()
        .post(`/${library}/users`)
        .set('Accept', 'application/problem+json')
        .send(caseBody({ username: 'ab' }))
        .expect(400);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const problem = JSON.parse(response.text) as Record<string, unknown>;
      expect(problem).toMatchObject({
        title: '… must be longer than or equal to … characters.',
        status: 400,
        detail: 'Username must be longer than or equal to 3 characters.',
        errors: [
          {
            message: 'Username must be longer than or equal to 3 characters.',
            error_code: '2050',
            field: 'username',
            details: { min: 3 },
          },
        ],
      });
    });

    it('names a path parameter validated by a schema', async () => {
      const response = await app.http().get(`/${library}/items/nope`).expect(400);
      expect(expectContract(response)).toEqual([
        { message: 'Id must be a UUID.', error_code: '2058', field: 'id', details: { version: null } },
      ]);
    });

    it('answers a body that is not an object with one error about the body', async () => {
      const response = await app.http().post(`/${library}/users`).set('Content-Type', 'application/json').send('[1]');
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        { message: 'The request body must be a JSON object.', error_code: '2001', field: null, details: null },
      ]);
    });

    it('caps the number of errors like DTO validation does', async () => {
      const response = await app
        .http()
        .post(`/${library}/users`)
        .send({ ...VALID_USER, tags: [1, 2, 3, 4, 5, 6, 7, 8] })
        .expect(400);
      const body = expectContract(response);
      expect(body).toHaveLength(5);
      expect(body.slice(0, 4).map((item) => item.field)).toEqual(['tags.0', 'tags.1', 'tags.2', 'tags.3']);
      expect(body[4]).toEqual({
        message: '4 more validation errors were left out.',
        error_code: '2003',
        field: null,
        details: { omitted: 4, max_errors: 5 },
      });
    });
  });

  it('documents in OpenAPI every code the case table answers, per library', () => {
    const document = documentErrors(app.app, SwaggerModule.createDocument(app.app, new DocumentBuilder().build()));
    for (const library of SCHEMA_LIBRARIES) {
      const documented = JSON.stringify(document.paths[`/${library}/users`]!.post!.responses['400']);
      const answered = SCHEMA_CASES.flatMap((schemaCase) => (schemaCase.except?.[library] ?? schemaCase).expected);
      for (const { error_code } of answered)
        expect([library, error_code, documented.includes(`"${error_code}"`)]).toEqual([library, error_code, true]);
    }
  });

  describe.each(['zod', 'valibot'] as const)('async refinement (%s)', (library) => {
    it('answers the failed async check on its field', async () => {
      const response = await app.http().post(`/${library}/async`).send({ username: 'taken' }).expect(400);
      expect(expectContract(response)).toEqual([
        { message: 'Username is invalid.', error_code: '2000', field: 'username', details: null },
      ]);
      await app.http().post(`/${library}/async`).send({ username: 'free' }).expect(201);
    });
  });

  it('arktype has no async refinements: it validates synchronously only', () => {
    expect(ASYNC_SCHEMAS.arktype).toBeUndefined();
  });

  it('validates a query object (zod coercion) and names the query key', async () => {
    await app.http().get('/zod/items?page=2').expect(200, { page: 2 });
    const response = await app.http().get('/zod/items?page=0').expect(400);
    expect(expectContract(response)).toEqual([
      { message: 'Page must not be less than 1.', error_code: '2043', field: 'page', details: { min: 1 } },
    ]);
  });
});
