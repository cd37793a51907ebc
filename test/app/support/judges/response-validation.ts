import OpenAPIResponseValidator from 'openapi-response-validator';

/** The served OpenAPI document, as far as the validation reads it. */
export interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { schemas: Record<string, unknown>; responses?: Record<string, ResponseObject> };
}
type ResponseObject = { $ref?: string; description?: string; content?: Record<string, { schema?: unknown }> };

/** One answer of the app, as a client got it. */
export interface Exchange {
  method: string;
  /** The request path without its query. */
  path: string;
  status: number;
  contentType: string | undefined;
  body: unknown;
  /** What was sent, for the report. */
  label: string;
}

/**
 * Judges one answer against the document with openapi-response-validator (Ajv under
 * the hood, written by people who never saw this code): the operation must exist, list
 * the status, list the media type, and its schema must accept the body. Returns the
 * violations, empty when the answer is what the document promises.
 */
export function violationsOf(document: OpenApi, exchange: Exchange): string[] {
  const where = `${exchange.label} -> ${exchange.status}`;
  const template = Object.keys(document.paths).find((candidate) => matches(candidate, exchange.path));
  if (!template) return [`${where}: no path of the document matches ${exchange.path}`];
  const operation = document.paths[template][exchange.method.toLowerCase()];
  if (!operation) return [`${where}: ${template} has no ${exchange.method} operation`];
  const listed = operation.responses[String(exchange.status)];
  if (!listed) return [`${where}: ${exchange.method} ${template} does not list status ${exchange.status}`];
  const response = resolve(document, listed);
  const mediaType = exchange.contentType?.split(';')[0].trim();
  if (exchange.body === undefined || exchange.body === '') {
    return response.content && exchange.status !== 204 && exchange.method !== 'HEAD'
      ? [`${where}: an empty body, where the document promises ${Object.keys(response.content).join(', ')}`]
      : [];
  }
  const media = mediaType === undefined ? undefined : response.content?.[mediaType];
  if (!media) {
    return [
      `${where}: ${mediaType ?? 'no Content-Type'} is not documented for ${exchange.method} ${template} ${exchange.status}`,
    ];
  }
  // The validator takes the first media type of a response: give it only the one answered.
  const responses = {
    [String(exchange.status)]: { description: response.description ?? '', content: { [mediaType!]: media } },
  };
  const validator = new OpenAPIResponseValidator({
    responses: responses as never,
    components: structuredClone(document.components) as never,
  });
  const result = validator.validateResponse(exchange.status, exchange.body);
  if (!result) return [];
  return result.errors.map(
    (error: { path?: string; message: string }) => `${where}: ${error.path ?? ''} ${error.message}`,
  );
}

function resolve(document: OpenApi, response: ResponseObject): ResponseObject {
  if (!response.$ref) return response;
  return document.components.responses![response.$ref.split('/').pop()!];
}

function matches(template: string, path: string): boolean {
  const pattern = template
    .split(/(\{[^}]+\})/u)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`, 'u').test(path);
}
