import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import { EMPTY_BODY, INVALID_UTF8, UNSUPPORTED_CHARSET, UNSUPPORTED_MEDIA_TYPE } from '../../codes/request.codes.js';
import { DomainError } from '../../exceptions/domain-error.js';
import { ErrorRuntime } from '../../runtime/error-runtime.js';
import { EMPTY_BODY_CONTENT_TYPE } from './fastify-body.hooks.js';
import { HeaderDecisions } from '../../negotiation/quality.js';
import { charsetOf, mediaTypeOf } from './charset.js';
import { handlerReadsBody } from './route-arguments.js';

/** What a Content-Type says about a body: readable, or why not. */
type ContentTypeVerdict = 'accepted' | 'unsupported-media-type' | { readonly unsupportedCharset: string };

type HttpRequest = {
  headers: Record<string, string | string[] | undefined>;
  rawBody?: Buffer;
  raw?: { rawBody?: Buffer; [EMPTY_BODY_CONTENT_TYPE]?: unknown };
};

/**
 * Checks what body parsers let through silently, on routes that read a `@Body()`:
 * Express answers a `text/xml` body sent to a JSON route with an empty body (and the
 * handler then "succeeds"), and both adapters decode invalid UTF-8 into U+FFFD
 * replacement characters. Runs as a global guard, after the body is parsed on both
 * adapters (Nest middleware runs before Fastify parses bodies, so it cannot do this).
 * UTF-8 is checked on the raw bytes, which Nest keeps when the app is created with
 * `rawBody: true`.
 */
@Injectable()
export class BodyMediaTypeGuard implements CanActivate {
  private readonly mediaTypes: readonly string[];
  /** Content-Type -> verdict: nearly every request sends one of a few, read once each. */
  private readonly contentTypes = new HeaderDecisions<ContentTypeVerdict>((contentType) => this.judge(contentType));
  /** Handler -> whether it has a @Body() parameter; computed once per route. */
  private readonly readsBody = new WeakMap<object, boolean>();

  /** @internal */
  constructor(runtime: ErrorRuntime) {
    this.mediaTypes = runtime.settings.bodyMediaTypes;
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || !this.handlerReadsBody(context)) return true;
    // The request is the first argument; switchToHttp() would build three closures for it.
    const request = context.getArgByIndex<HttpRequest>(0);
    const headers = request.headers;
    const length = headers['content-length'];
    const hasBody = headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    const contentType =
      typeof headers['content-type'] === 'string' ? headers['content-type'] : hiddenEmptyBodyType(request);
    if (!hasBody) {
      // Fastify rejects an empty body labelled JSON; Express would hand the handler {}.
      if (length === '0' && contentType && this.contentTypes.of(contentType) !== 'unsupported-media-type') {
        throw new DomainError(EMPTY_BODY);
      }
      return true;
    }
    const verdict = contentType ? this.contentTypes.of(contentType) : 'unsupported-media-type';
    if (verdict === 'unsupported-media-type') {
      throw new DomainError(UNSUPPORTED_MEDIA_TYPE, { details: { supported: [...this.mediaTypes] } });
    }
    if (verdict !== 'accepted') {
      throw new DomainError(UNSUPPORTED_CHARSET, { details: { charset: verdict.unsupportedCharset } });
    }
    const raw = request.rawBody ?? request.raw?.rawBody;
    if (raw && !isUtf8(raw)) throw new DomainError(INVALID_UTF8);
    return true;
  }

  private judge(contentType: string): ContentTypeVerdict {
    const mediaType = mediaTypeOf(contentType);
    const accepted = this.mediaTypes.some((type) =>
      type.startsWith('+') ? mediaType.endsWith(type) : mediaType === type,
    );
    if (!accepted) return 'unsupported-media-type';
    const charset = charsetOf(contentType);
    // Express's parser refuses other charsets itself; Fastify ignores the parameter.
    return charset && charset !== 'utf-8' && charset !== 'utf8' ? { unsupportedCharset: charset } : 'accepted';
  }

  private handlerReadsBody(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let reads = this.readsBody.get(handler);
    if (reads === undefined) {
      reads = handlerReadsBody(context.getClass(), handler.name);
      this.readsBody.set(handler, reads);
    }
    return reads;
  }
}

/** The Content-Type of an empty body that the Fastify hook hid from Fastify's parser (fastify-body.hooks.ts). */
function hiddenEmptyBodyType(request: HttpRequest): string | undefined {
  const type = request.raw?.[EMPTY_BODY_CONTENT_TYPE];
  return typeof type === 'string' ? type : undefined;
}
