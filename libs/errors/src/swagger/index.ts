// The `nest-error-contract/swagger` entry point: the error contract in an OpenAPI
// document made by @nestjs/swagger (an optional peer). Nothing here imports it: the
// document is read and written as plain data, so the root entry never depends on it.
// Routes declare the codes the library cannot derive with `@ErrorResponses()`, exported
// from the root entry so that controllers need no Swagger package.

export { documentErrors } from './document-errors.js';
export type { DocumentErrorsOptions, OpenApiDocument } from './document-errors.js';
export type { OperationIdFactory } from '../route-errors/route-discovery.js';
