import { ERROR_CODE_NOT_FOUND } from '../codes/request.codes.js';
import { Dialect, Schema, orNull } from './openapi-schema.js';
import { PossibleError } from '../route-errors/route-errors.js';

/** The tag of the catalogue's operations. */
export const CATALOGUE_TAG = { name: 'errors', description: 'The error codes the API can answer with.' };

/** Component name of one catalogue entry's schema. */
export const CATALOGUE_ENTRY = 'ErrorCatalogueEntry';

/** The schema of `GET <catalogue>/{code}` (catalogue/catalogue-entry.ts), for clients of the JSON form. */
export function catalogueEntrySchema(dialect: Dialect): Schema {
  const message = {
    anyOf: [
      { type: 'string' },
      { type: 'object', required: ['plural', 'other'], additionalProperties: { type: 'string' } },
    ],
  };
  return {
    type: 'object',
    description: 'One registered error code, as the catalogue serves it.',
    required: ['code', 'name', 'status', 'category', 'owner', 'messages', 'details', 'description', 'type', 'routes'],
    properties: {
      code: { type: 'string', pattern: '^\\d{4}$', example: '2056' },
      name: { type: 'string', example: 'IS_EMAIL' },
      status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
      category: { type: 'string', enum: ['request', 'validation', 'database', 'domain', 'server', 'application'] },
      owner: { type: 'string', enum: ['library', 'application'] },
      messages: {
        type: 'object',
        description: 'The message template per locale tag; `{placeholders}` are filled per occurrence.',
        additionalProperties: message,
      },
      details: { type: 'string', description: 'The shape of `details`, as TypeScript-like text.' },
      description: orNull({ type: 'string' }, dialect),
      type: { type: 'string', description: 'The Problem Details `type` of the code: this entry.' },
      routes: {
        type: 'array',
        items: { type: 'string' },
        description: 'The operations documented with this code (`POST /users`), `*` for any request.',
      },
    },
  };
}

/** The catalogue's two operations, without their error responses (added like any route's). */
export function cataloguePaths(path: string): Record<string, Record<string, Schema>> {
  const entry = { $ref: `#/components/schemas/${CATALOGUE_ENTRY}` };
  const html = { 'text/html': { schema: { type: 'string' } } };
  return {
    [path]: {
      get: {
        operationId: 'ErrorCatalogue_list',
        summary: 'Every error code the API can answer with',
        tags: ['errors'],
        responses: {
          '200': {
            description: 'Every registered code: JSON, or an HTML page for a browser (`Accept: text/html`).',
            content: { 'application/json': { schema: { type: 'array', items: entry } }, ...html },
          },
        },
      },
    },
    [`${path}/{code}`]: {
      get: {
        operationId: 'ErrorCatalogue_entry',
        summary: 'One error code: the target of Problem Details `type` URIs',
        tags: ['errors'],
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: '2056' }],
        responses: {
          '200': {
            description: 'The code: JSON, or an HTML page for a browser (`Accept: text/html`).',
            content: { 'application/json': { schema: entry }, ...html },
          },
        },
      },
    },
  };
}

/** What `GET <catalogue>/{code}` answers besides the request-level codes. */
export const CATALOGUE_ENTRY_ERRORS: readonly PossibleError[] = [
  { code: ERROR_CODE_NOT_FOUND, status: ERROR_CODE_NOT_FOUND.status, field: null, details: { code: '9999' } },
];
