import 'reflect-metadata';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { toStandardJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import * as v from 'valibot';
import { z } from 'zod';
import { ErrorsModule } from '../errors.module.js';
import { ContractStandardSchemaPipe } from '../validation/standard-schema/standard-schema.pipe.js';
import { documentErrors } from './document-errors.js';
import { inputJsonSchema, schemaRules } from '../route-errors/schema-rules.js';

const rulesOf = (schema: unknown) =>
  schemaRules(inputJsonSchema(schema)!, '').map((rule) => [rule.field, rule.code.name, rule.details ?? null]);

const EXPECTED = [
  ['', 'IS_OBJECT', null],
  ['name', 'IS_DEFINED', null],
  ['name', 'IS_STRING', null],
  ['name', 'MIN_LENGTH', { min: 3 }],
  ['tags', 'IS_DEFINED', null],
  ['tags', 'IS_ARRAY', null],
  ['tags.{index}', 'IS_STRING', null],
  ['tags.{index}', 'IS_EMAIL', null],
];

describe('schemaRules', () => {
  it.each([
    ['zod (Standard JSON Schema)', z.object({ name: z.string().min(3), tags: z.array(z.email()) })],
    ['arktype (Standard JSON Schema)', type({ name: 'string >= 3', tags: 'string.email[]' })],
    [
      'valibot (toStandardJsonSchema)',
      toStandardJsonSchema(
        v.object({ name: v.pipe(v.string(), v.minLength(3)), tags: v.array(v.pipe(v.string(), v.email())) }),
      ),
    ],
  ])('lists the codes per field of %s', (_, schema) => {
    const rules = rulesOf(schema);
    // arktype writes an email as a pattern beside its format
    expect(rules.filter(([, code]) => code !== 'MATCHES')).toEqual(EXPECTED);
  });

  it('has nothing to say about a schema without a JSON Schema', () => {
    expect(inputJsonSchema(v.object({ a: v.string() }))).toBeUndefined();
  });
});

@Controller('gadgets')
class GadgetsController {
  @Post(':id')
  create(
    @Param('id', { schema: z.uuid() }) id: string,
    @Body({ schema: z.strictObject({ name: z.string().max(20), size: z.number().gt(0) }) }) body: unknown,
  ) {
    return { id, body };
  }
}

describe('documentErrors with Standard Schema routes', () => {
  it('documents the codes of the schema, per field, with the body-level ones', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ErrorsModule.forRoot()],
      controllers: [GadgetsController],
      providers: [{ provide: APP_PIPE, useValue: new ContractStandardSchemaPipe() }],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    try {
      const document = documentErrors(app, SwaggerModule.createDocument(app, new DocumentBuilder().build()));
      const operation = document.paths['/gadgets/{id}']!.post!;
      const text = JSON.stringify(operation.responses['400']);
      // @nestjs/swagger 12 writes the body's schema itself, from the Standard JSON Schema
      expect(operation.requestBody).toEqual({
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                name: { type: 'string', maxLength: 20 },
                size: { type: 'number', minimum: 0, exclusiveMinimum: true },
              },
              required: ['name', 'size'],
              additionalProperties: false,
            },
          },
        },
      });
      for (const code of ['2001', '2002', '2003', '2004', '2010', '2022', '2024', '2026', '2051', '2058', '2161']) {
        expect(text).toContain(`"${code}"`);
      }
    } finally {
      await app.close();
    }
  });
});
