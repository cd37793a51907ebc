import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { documentErrors } from 'nest-error-contract/swagger';

/** Swagger UI is served here, and the OpenAPI document (JSON) at `/api/docs-json`. */
export const API_DOCS_PATH = 'api/docs';

/**
 * The OpenAPI document of the app, with the errors every route can answer (codes,
 * fields, message templates, examples) added by nest-error-contract from the routes'
 * code. Built on the first request for it, once the routes are all registered.
 */
export function buildApiDocument(app: INestApplication, openapi = '3.0.0'): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion(openapi)
    .setTitle('Users and tables')
    .setDescription(
      'The nest-error-contract sample app. Every error response is a JSON array of `{message, error_code, field, details}`; each operation lists, per status, the codes it can answer with.',
    )
    .setVersion('0')
    .addTag('users', 'Users of the API.')
    .addTag('tables', 'Tables of a user, their columns, constraints and records.')
    .build();
  return documentErrors(app, SwaggerModule.createDocument(app, config));
}

export function serveApiDocs(app: INestApplication): void {
  SwaggerModule.setup(API_DOCS_PATH, app, () => buildApiDocument(app), { customSiteTitle: 'Users and tables API' });
}
