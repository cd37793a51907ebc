import 'reflect-metadata';
import {
  Body,
  Controller,
  Get,
  INestApplication,
  Injectable,
  Param,
  Post,
  Query,
  UsePipes,
  Version,
  VersioningType,
} from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { defineErrorCode } from '../codes/error-code.js';
import { ErrorResponses } from '../declared-errors/error-responses.decorator.js';
import { ErrorsModule } from '../errors.module.js';
import { ContractParseBoolPipe, ContractParseIntPipe } from '../validation/parse-pipes.js';
import { ContractValidationPipe } from '../validation/validation.pipe.js';
import { documentErrors } from './document-errors.js';

const WIDGET_NOT_FOUND = defineErrorCode('6901', 'WIDGET_NOT_FOUND', 404, 'No widget has the id {id}.', {
  details: '{ id: number }',
});
const WIDGET_NAME_TAKEN = defineErrorCode('6902', 'WIDGET_NAME_TAKEN', 409, 'This name is taken.', {
  details: '{ columns: string[] }',
});
const PART_UNKNOWN = defineErrorCode('6903', 'PART_UNKNOWN', 400, 'There is no part {part}.');
const NOT_REGISTERED = defineErrorCode('6999', 'NOT_REGISTERED', 400, 'Nobody registered this.');

class PartDto {
  @IsDefined()
  @IsString()
  name!: string;
}

class WidgetDto {
  @IsDefined()
  @IsString()
  @MaxLength(20)
  name!: string;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PartDto)
  parts?: PartDto[];
}

class PageDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  page?: number;
}

const SLUG_RESERVED = defineErrorCode('6904', 'SLUG_RESERVED', 400, 'This slug is reserved.');

/** An app's pipe declares what it answers. */
@Injectable()
@ErrorResponses(SLUG_RESERVED)
class ParseSlugPipe {
  transform(value: unknown): unknown {
    return value;
  }
}

@Controller('widgets')
@ErrorResponses(WIDGET_NOT_FOUND)
class WidgetsController {
  @Post()
  @ErrorResponses(
    { constraint: 'widgets_name_key' },
    { collected: [{ code: WIDGET_NAME_TAKEN, field: 'name' }, PART_UNKNOWN] },
  )
  create(@Body() dto: WidgetDto): unknown {
    return dto;
  }

  @Get(':id')
  find(
    @Param('id', ContractParseIntPipe) id: number,
    @Query('verbose', ContractParseBoolPipe) verbose: boolean,
  ): unknown {
    return { id, verbose };
  }

  @Get()
  @UsePipes(ParseSlugPipe)
  list(@Query() page: PageDto): unknown {
    return page;
  }
}

@Controller('gadgets')
class GadgetsController {
  @Get()
  @ErrorResponses(NOT_REGISTERED)
  list(): unknown {
    return [];
  }
}

@Controller('gizmos')
class GizmosController {
  @Post()
  @ErrorResponses({ constraint: 'gizmos_name_key' })
  create(): unknown {
    return {};
  }
}

@Controller('parts')
class PartsController {
  @Get(['by-id/:id', 'legacy/:id'])
  @ErrorResponses(PART_UNKNOWN)
  find(@Param('id', ContractParseIntPipe) id: number): unknown {
    return id;
  }

  @Get('versioned/:id')
  @Version('2')
  @ErrorResponses(WIDGET_NOT_FOUND)
  findVersioned(@Param('id', ContractParseIntPipe) id: number): unknown {
    return id;
  }
}

async function documentOf(
  options: {
    openapi?: string;
    whitelist?: boolean;
    controllers?: Array<new (...args: never[]) => unknown>;
    maxDomainErrors?: number;
  } = {},
): Promise<{ app: INestApplication; document: ReturnType<typeof SwaggerModule.createDocument> }> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ErrorsModule.forRoot({
        codes: [WIDGET_NOT_FOUND, WIDGET_NAME_TAKEN, PART_UNKNOWN, SLUG_RESERVED],
        database: { constraints: { widgets_name_key: { field: 'name', code: WIDGET_NAME_TAKEN } } },
        domainErrors: { maxErrors: options.maxDomainErrors },
      }),
    ],
    controllers: options.controllers ?? [WidgetsController],
    providers: [
      {
        provide: APP_PIPE,
        useValue: new ContractValidationPipe({ whitelist: options.whitelist ?? true, forbidNonWhitelisted: true }),
      },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.enableVersioning({ type: VersioningType.URI });
  const config = new DocumentBuilder().setOpenAPIVersion(options.openapi ?? '3.0.0').build();
  return { app, document: documentErrors(app, SwaggerModule.createDocument(app, config)) };
}

/** The 400 codes of the body parsers, on every route whether it reads a body or not. */
const PARSER_400 = ['1002', '1007', '1400', '2001'];

/** Status -> codes of one operation, as the document lists them. */
function codesByStatus(document: unknown, path: string, method: string): Record<string, string[]> {
  const operation = (document as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> })
    .paths[path][method];
  const result: Record<string, string[]> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const ref = (response as { $ref?: string }).$ref;
    if (ref) {
      result[status] = [ref];
      continue;
    }
    const items = (response as { content?: Record<string, { schema: { items: Record<string, unknown> } }> }).content?.[
      'application/json'
    ]?.schema.items;
    if (!items) continue;
    // Each code's item refers to its ApiError<code> schema.
    const refs = JSON.stringify(items).match(/ApiError\d{4}/gu) ?? [];
    result[status] = [...new Set(refs.map((name) => name.slice(-4)))].sort();
  }
  return result;
}

describe('documentErrors', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('lists per status the codes of the DTO rules, the body, the declarations and the shared responses', async () => {
    const made = await documentOf();
    app = made.app;
    expect(codesByStatus(made.document, '/widgets', 'post')).toEqual({
      '201': undefined,
      '400': [
        '1002', // MALFORMED_JSON
        '1005', // INVALID_UTF8
        '1007', // EMPTY_BODY
        '1400', // HTTP_BAD_REQUEST: a body that does not decompress
        '2000', // INVALID_VALUE: a lone surrogate in a string field
        '2001', // BODY_NOT_OBJECT
        '2002', // UNKNOWN_PROPERTY (whitelist + forbidNonWhitelisted)
        '2003', // TOO_MANY_ERRORS (unknown keys are unbounded)
        '2004', // NESTING_TOO_DEEP
        '2010', // IS_DEFINED: name, parts.{index}.name
        '2024', // IS_STRING
        '2025', // IS_ARRAY: parts
        '2029', // NESTED_OBJECT: parts
        '2051', // MAX_LENGTH: name
        '2140', // ARRAY_TOO_LONG (the pipe's bound on arrays)
        '2141', // LONE_SURROGATE (the pipe's scan of every string)
        '2142', // TOO_MANY_PROPERTIES (the pipe's bound on objects)
        '6902', // WIDGET_NAME_TAKEN, collected with a 400 code: the response is a 400
        '6903', // PART_UNKNOWN (collected)
      ],
      '404': ['6901'], // from the controller
      '409': ['6902'], // the constraint's code, and alone from the collection
      '413': ['1003'],
      '415': ['1004', '1006', '1415'], // 1415: an unknown Content-Encoding
      '500': ['#/components/responses/InternalError'],
      '503': ['#/components/responses/ServiceUnavailable'],
    });
    // The constraint's rule gives the example its field and the translator's details.
    const conflict = made.document.paths['/widgets'].post!.responses['409'] as {
      content: Record<string, { examples: Record<string, { value: unknown }> }>;
    };
    expect(conflict.content['application/json'].examples['6902 WIDGET_NAME_TAKEN'].value).toEqual([
      { message: 'This name is taken.', error_code: '6902', field: 'name', details: { columns: ['name'] } },
    ]);
  });

  it("documents the parse pipes' codes on their parameter, never IS_DEFINED on a path parameter", async () => {
    const made = await documentOf();
    app = made.app;
    const byStatus = codesByStatus(made.document, '/widgets/{id}', 'get');
    // The body parsers' codes (Express reads a body on every route), a broken escape in the path (1008).
    expect(byStatus['400']).toEqual([
      '1002',
      '1007',
      '1008',
      '1400',
      '2001',
      '2010',
      '2020',
      '2023',
      '2140',
      '2141',
      '2142',
    ]);
    // A path segment the router cannot take is answered as no route.
    expect(byStatus['404']).toEqual(['1001', '6901']);
    const description = (made.document.paths['/widgets/{id}'].get!.responses['400'] as { description: string })
      .description;
    expect(description).toContain('| `2023` | IS_INT | `id` |');
    expect(description).toContain('| `2010` | IS_DEFINED | `verbose` |');
    expect(description).toContain('| `2020` | IS_BOOLEAN | `verbose` |');
    expect(made.document.paths['/widgets/{id}'].get!.responses['400']).toMatchObject({
      'x-error-fields': { '2010': ['verbose'], '2020': ['verbose'], '2023': ['id'] },
    });
  });

  it('applies @UsePipes() pipes and the query DTO rules', async () => {
    const made = await documentOf();
    app = made.app;
    expect(codesByStatus(made.document, '/widgets', 'get')['400']).toEqual([
      ...PARSER_400,
      '2002',
      '2003',
      '2023',
      '2140',
      '2141',
      '2142',
      '6904',
    ]);
  });

  it('leaves UNKNOWN_PROPERTY out when the pipe strips unknown keys', async () => {
    const made = await documentOf({ whitelist: false });
    app = made.app;
    expect(codesByStatus(made.document, '/widgets', 'get')['400']).toEqual([
      ...PARSER_400,
      '2023',
      '2140',
      '2141',
      '2142',
      '6904',
    ]);
  });

  it('adds the ApiError schemas, one schema per code with its details, and the shared responses', async () => {
    const made = await documentOf();
    app = made.app;
    const schemas = made.document.components!.schemas as Record<string, Record<string, unknown>>;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['ApiError', 'ApiErrors', 'ApiError6901', 'ApiError5000']),
    );
    expect(schemas.ApiError6901).toEqual({
      title: '6901 WIDGET_NOT_FOUND',
      type: 'object',
      description: 'WIDGET_NOT_FOUND: No widget has the id {id}.',
      required: ['message', 'error_code', 'field', 'details'],
      properties: {
        message: { type: 'string', description: 'From the template: No widget has the id {id}.' },
        error_code: { type: 'string', enum: ['6901'] },
        field: { type: 'string', nullable: true },
        details: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'number' } },
          description: '`{ id: number }`',
        },
      },
    });
    const response = made.document.paths['/widgets/{id}'].get!.responses['404'] as {
      content: Record<string, { examples: Record<string, { value: unknown }> }>;
    };
    expect(response.content['application/json'].examples['6901 WIDGET_NOT_FOUND'].value).toEqual([
      { message: 'No widget has the id 0.', error_code: '6901', field: null, details: { id: 0 } },
    ]);
    expect(Object.keys(made.document.components!.responses!)).toEqual(['InternalError', 'ServiceUnavailable']);
  });

  it('writes OpenAPI 3.1 schemas without `nullable`', async () => {
    const made = await documentOf({ openapi: '3.1.0' });
    app = made.app;
    const text = JSON.stringify(made.document);
    expect(text).not.toContain('"nullable"');
    expect(
      (made.document.components!.schemas!.ApiError6901 as { properties: { field: unknown } }).properties.field,
    ).toEqual({
      type: ['string', 'null'],
    });
  });

  it("finds the handler of each path of a handler with several, and of a versioned one (swagger's default ids)", async () => {
    const made = await documentOf({ controllers: [PartsController] });
    app = made.app;
    const paths = Object.keys(made.document.paths);
    expect(paths).toEqual(['/parts/by-id/{id}', '/parts/legacy/{id}', '/v2/parts/versioned/{id}']);
    expect(paths.map((path) => made.document.paths[path].get!.operationId)).toEqual([
      'PartsController_find[0]',
      'PartsController_find[1]',
      'PartsController_findVersioned_v2',
    ]);
    const request = [...PARSER_400.slice(0, 2), '1008', ...PARSER_400.slice(2)];
    expect(paths.map((path) => codesByStatus(made.document, path, 'get')['400'])).toEqual([
      [...request, '2023', '2141', '6903'],
      [...request, '2023', '2141', '6903'],
      [...request, '2023', '2141'],
    ]);
    expect(codesByStatus(made.document, '/v2/parts/versioned/{id}', 'get')['404']).toEqual(['1001', '6901']);
  });

  it("caps error arrays at the app's DomainErrors cap when it is above the validation pipe's", async () => {
    const maxItemsOf = (document: unknown): unknown =>
      (document as { paths: Record<string, Record<string, { responses: Record<string, Response400> }>> }).paths[
        '/widgets'
      ].post.responses['400'].content['application/json'].schema.maxItems;
    type Response400 = { content: Record<string, { schema: { maxItems?: number } }> };
    const byDefault = await documentOf();
    await byDefault.app.close();
    expect(maxItemsOf(byDefault.document)).toBe(100);
    const raised = await documentOf({ maxDomainErrors: 250 });
    app = raised.app;
    expect(maxItemsOf(raised.document)).toBe(250);
  });

  it('refuses a declared code the registry does not know', async () => {
    await expect(documentOf({ controllers: [GadgetsController] })).rejects.toThrow(
      'GET /gadgets can answer with 6999 NOT_REGISTERED, which ErrorsModule does not register: add it to ErrorsModule.forRoot({ codes }).',
    );
  });

  it('refuses a constraint the registry does not list', async () => {
    await expect(documentOf({ controllers: [GizmosController] })).rejects.toThrow(
      'GizmosController.create declares the constraint "gizmos_name_key", which the database options\' constraint registry does not list.',
    );
  });
});
