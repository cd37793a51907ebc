import { BUILTIN_CODES } from '../codes/builtin-codes.js';
import { ErrorCodeRegistry } from '../codes/registry.js';
import { INTERNAL_ERROR } from '../codes/server.codes.js';
import { ApiError, ErrorWithStatus, toApiError } from '../contract/api-error.js';
import { statusOf } from '../contract/status-rule.js';
import type { ErrorsSettings } from '../errors.settings.js';
import { setMaxDomainErrors } from '../exceptions/domain-error.js';
import { ErrorResponder, ErrorResponse, RequestHeaders } from '../negotiation/error-responder.js';
import { ErrorAnswer, JSON_CONTENT_TYPE, mergeVary, serializeBody } from '../response/error-answer.js';
import { defaultTranslators, translateError } from '../translators/pipeline.js';
import { ErrorTranslator, Translation, TranslationContext } from '../translators/translator.js';
import type { AnsweredError } from '../integrations/answered-error.js';
import type { ErrorTelemetry } from '../integrations/opentelemetry/error-telemetry.js';
import { ServerErrorEvent, logServerError } from './server-error-log.js';

/** What a transport knows of the request beyond its id: what translators may read. */
export type RequestFacts = Pick<TranslationContext, 'request' | 'bodyLimitBytes'>;

/**
 * Everything fixed about answering errors, built once when ErrorsModule starts: the
 * resolved settings, the registry (frozen: a code registered later would get no title
 * and no translation), the compiled locales and the negotiation (the responder), the
 * translators in the order they are tried. Every transport (the HTTP filter, Fastify's
 * framework-error hook, the client-error handler, the OpenAPI documenter, a later
 * GraphQL formatter) answers through this one object, got from Nest's container
 * (`app.get(ErrorRuntime)`) or injected; per-request work only reads from it.
 */
export class ErrorRuntime {
  /** @internal ErrorsModule builds the runtime; get it with `app.get(ErrorRuntime)`. */
  constructor(
    /** The module's options with every default applied. */
    readonly settings: ErrorsSettings,
    /** Every code the app answers with, frozen. */
    readonly registry: ErrorCodeRegistry,
    /** In the order they are tried: the app's, then the built-ins, then the database's. */
    readonly translators: readonly ErrorTranslator[],
    private readonly responder: ErrorResponder,
    /** OpenTelemetry recording, when the app has `@opentelemetry/api` (loaded at start-up). */
    private readonly telemetry?: ErrorTelemetry,
  ) {}

  /** @internal Builds the runtime from resolved settings (ErrorsModule does, once). */
  static create(
    settings: ErrorsSettings,
    databaseTranslator?: ErrorTranslator,
    telemetry?: ErrorTelemetry,
  ): ErrorRuntime {
    const registry = new ErrorCodeRegistry()
      .register(BUILTIN_CODES, 'library')
      .register(settings.codes, 'application')
      .freeze();
    const responder = new ErrorResponder(settings, registry);
    // Services build DomainErrors without the runtime at hand: the cap is the process's.
    setMaxDomainErrors(settings.domainErrors.maxErrors);
    // Once, at start-up: a missing translation is answered in the default locale.
    if (responder.problems.length > 0) settings.logger.warn(responder.problems.join('\n'));
    return new ErrorRuntime(
      settings,
      registry,
      defaultTranslators(settings.translators, databaseTranslator, settings.bodyMediaTypes),
      responder,
      telemetry,
    );
  }

  /** The contract errors for anything thrown: the first translator that claims it, else a 500. */
  translate(exception: unknown, requestId: string, facts: RequestFacts = {}): Translation {
    // Named rather than spread: a spread of an object takes V8's slow path.
    return translateError(exception, this.translators, {
      requestId,
      registry: this.registry,
      bodyLimitBytes: facts.bodyLimitBytes,
      request: facts.request,
    });
  }

  /**
   * The one answer to a failed request: the status rule over the errors, each message
   * rendered once in the negotiated locale, the body in the negotiated shape, and the
   * contract's headers. `headers` undefined means the request's headers cannot be
   * trusted (Node's parser refused it): the default locale, and the array unless the app
   * always answers Problem Details. `existingVary` is a Vary the response already has.
   */
  answer(
    translation: Pick<Translation, 'errors' | 'headers'>,
    requestId: string,
    headers: RequestHeaders | undefined,
    existingVary?: unknown,
  ): ErrorAnswer {
    const status = statusOf(translation.errors);
    const response =
      headers === undefined
        ? this.responder.respondWithoutHeaders(translation.errors, status, requestId)
        : this.responder.respond(headers, translation.errors, status, requestId);
    // Vary only on an answer that was negotiated: one that read no header depends on none.
    const vary =
      headers === undefined ? undefined : this.responder.vary && mergeVary(existingVary, this.responder.vary);
    return this.finish(status, response, requestId, translation.headers, vary);
  }

  /**
   * The contract objects alone, each message rendered once in the locale the headers ask
   * for: for a transport with a shape of its own (GraphQL `errors[].extensions`).
   */
  renderErrors(
    errors: readonly ErrorWithStatus[],
    headers: RequestHeaders | undefined,
  ): { errors: ApiError[]; contentLanguage: string } {
    const rendered = this.responder.render(headers, errors);
    return { errors: rendered.body, contentLanguage: rendered.contentLanguage };
  }

  /** The contract array in the default locale (WebSocket clients, which negotiate nothing). */
  defaultBody(errors: readonly ErrorWithStatus[]): ApiError[] {
    return this.responder.defaultBody(errors);
  }

  /**
   * The one place an answered 5xx is reported: logged once with request id, stack and
   * cause. Integrations (structured logs, tracing) hook here.
   */
  reportServerError(event: ServerErrorEvent): void {
    logServerError(this.settings.logger, event);
  }

  /**
   * @internal Whether answers are recorded (OpenTelemetry's API is installed and an SDK
   * listens): transports then describe each one.
   */
  get records(): boolean {
    return this.telemetry !== undefined && this.telemetry.listening;
  }

  /**
   * @internal
   * The one place every answered error, 4xx included, is recorded: the server span's
   * attributes and the error counter (OpenTelemetry), when the app has the API.
   */
  recordAnswer(answered: AnsweredError): void {
    this.telemetry?.record(answered);
  }

  private finish(
    status: number,
    response: ErrorResponse,
    requestId: string,
    extra: Readonly<Record<string, string>> | undefined,
    vary: string | undefined,
  ): ErrorAnswer {
    const headers: Record<string, string> = { ...extra };
    headers[this.settings.requestIdHeader] = requestId;
    headers['content-language'] = response.contentLanguage;
    if (vary) headers.vary = vary;
    headers['content-type'] = response.contentType ?? JSON_CONTENT_TYPE;
    headers['x-content-type-options'] = NO_SNIFFING['x-content-type-options'];
    return { status, headers, body: serializeBody(response.body) };
  }
}

/**
 * The minimal 500 sent when answering failed itself: the default locale, no
 * negotiation (negotiating may be what failed), and a fixed English body if even
 * rendering fails. Plumbing for the answer path, not a method of the public runtime.
 */
export function lastResortAnswer(runtime: ErrorRuntime, requestId: string): ErrorAnswer {
  const errors = [INTERNAL_ERROR.create({ details: { request_id: requestId } })];
  let response: ErrorResponse;
  try {
    response = runtime['responder'].respondWithoutHeaders(errors, 500, requestId);
  } catch {
    response = { body: errors.map((item) => toApiError(item.error)), contentType: undefined, contentLanguage: 'en' };
  }
  return {
    status: 500,
    headers: {
      'content-type': response.contentType ?? JSON_CONTENT_TYPE,
      'content-language': response.contentLanguage,
      [runtime.settings.requestIdHeader]: requestId,
      ...NO_SNIFFING,
    },
    body: serializeBody(response.body),
  };
}

/**
 * Error answers echo what the client sent (a path, a parameter name, a field): with
 * `nosniff` no browser takes one for HTML or script, whatever it holds.
 */
const NO_SNIFFING = { 'x-content-type-options': 'nosniff' } as const;
