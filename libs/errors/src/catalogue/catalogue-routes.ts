import type { AbstractHttpAdapter } from '@nestjs/core';
import { ERROR_CODE_NOT_FOUND } from '../codes/request.codes.js';
import { DomainError } from '../exceptions/domain-error.js';
import { ErrorCatalogue } from './error-catalogue.js';
import { cataloguePage, entryPage } from './catalogue-page.js';
import { prefersHtml } from './prefers-html.js';

type CatalogueRequest = { headers?: Record<string, string | string[] | undefined>; params?: Record<string, unknown> };

/** How a code that is not registered is answered: in the contract, through the filter. */
export type ReplyError = (exception: unknown, request: never, response: never) => void;

/** A code as the client wrote it goes into the 404's details, bounded. */
const MAX_ECHOED = 64;

/**
 * Serves the catalogue on the platform, outside the global prefix (as Swagger UI is):
 * `GET <path>` lists every registered code, `GET <path>/<code>` shows one. A browser gets
 * HTML, a client asking for `application/json` (or for nothing in particular) JSON.
 */
export function serveCatalogue(adapter: AbstractHttpAdapter, catalogue: ErrorCatalogue, replyError: ReplyError): void {
  const path = catalogue.path;
  adapter.get(path, (request: CatalogueRequest, response: unknown) => {
    if (wantsHtml(request)) send(adapter, response, cataloguePage(catalogue.list(), path));
    else send(adapter, response, catalogue.list());
  });
  adapter.get(`${path}/:code`, (request: CatalogueRequest, response: unknown) => {
    const code = String(request.params?.code ?? '');
    const entry = catalogue.entry(code);
    if (!entry) {
      const details = { code: code.slice(0, MAX_ECHOED) };
      replyError(new DomainError(ERROR_CODE_NOT_FOUND, { details }), request as never, response as never);
      return;
    }
    if (wantsHtml(request)) send(adapter, response, entryPage(entry, path));
    else send(adapter, response, entry);
  });
}

/** `/errors/` and `errors` -> `/errors`. */
export function cataloguePath(path: string): string {
  const trimmed = path.trim().replace(/^\/+|\/+$/gu, '');
  if (trimmed === '' || /[:*?(){}\s]/u.test(trimmed)) {
    throw new Error(`ErrorsModule option catalogue.path is "${path}"; give a plain path such as /errors.`);
  }
  return `/${trimmed}`;
}

function wantsHtml(request: CatalogueRequest): boolean {
  const accept = request.headers?.accept;
  return prefersHtml(Array.isArray(accept) ? accept.join(',') : accept);
}

function send(adapter: AbstractHttpAdapter, response: unknown, body: string | object): void {
  adapter.setHeader(response, 'vary', 'Accept');
  if (typeof body === 'string') {
    adapter.setHeader(response, 'content-type', 'text/html; charset=utf-8');
    adapter.reply(response, body, 200);
    return;
  }
  adapter.setHeader(response, 'content-type', 'application/json; charset=utf-8');
  adapter.reply(response, JSON.stringify(body), 200);
}
