import { ApiError, ErrorWithStatus } from '../contract/api-error.js';
import { ErrorCodeRegistry } from '../codes/registry.js';
import type { ErrorResponseFormat } from '../errors.options.js';
import { CompiledLocale } from '../locales/compiled-locale.js';
import { BUILTIN_LOCALES } from '../locales/builtin-locales.js';
import { LocaleCatalogues } from '../locales/locale-catalogues.js';
import { LocaleMessages } from '../locales/locale-messages.js';
import { ProblemDetails, toProblemDetails } from '../problem/problem-details.js';
import { problemTitle } from '../problem/problem-title.js';
import { LanguageNegotiator } from './accept-language.js';
import { PROBLEM_JSON, ProblemJsonPreference } from './accept.js';
import type { NegotiationHeaderLimits } from './header-limits.js';

/** The Content-Type of a Problem Details body (the array keeps the adapters' JSON type). */
export const PROBLEM_JSON_CONTENT_TYPE = `${PROBLEM_JSON}; charset=utf-8`;

/** What the responder needs from the module's settings. */
export interface ErrorResponderSettings {
  readonly format: ErrorResponseFormat;
  readonly problemTypeBase: string | null;
  readonly defaultLocale: string;
  readonly messages: Readonly<Record<string, LocaleMessages>>;
  /** How much of `Accept` and `Accept-Language` is read (checked at start-up). */
  readonly headerLimits: NegotiationHeaderLimits;
}

/** One error response, negotiated: its body and the headers that say what it is. */
export interface ErrorResponse {
  readonly body: ApiError[] | ProblemDetails;
  /** `application/problem+json; charset=utf-8`, or undefined for the array (JSON, as always). */
  readonly contentType: string | undefined;
  /**
   * The BCP 47 tags of the languages the body's text is in, comma-separated, in the
   * order they first appear (`de`, or `de, en` when a message fell back to English).
   */
  readonly contentLanguage: string;
}

/** A request's headers (lower-cased names, as Node keeps them): what negotiation reads. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;
type Headers = RequestHeaders | undefined;

/**
 * Turns a response's errors into what the client asked for: the locale of its messages
 * (Accept-Language) and the array or a Problem Details object (Accept, under the
 * `format` option). Everything is compiled when the app starts; a request that sends
 * neither header costs two header reads.
 */
export class ErrorResponder {
  /** The Vary header of error responses: what the answer depends on besides the URL. */
  readonly vary: string | undefined;
  /** What to report once at start-up (missing translations, bad placeholders). */
  readonly problems: readonly string[];

  private readonly locales: LanguageNegotiator<CompiledLocale>;
  private readonly problemJson: ProblemJsonPreference;
  private readonly defaultLocale: CompiledLocale;
  private readonly templates: Map<string, string>;

  constructor(
    private readonly settings: ErrorResponderSettings,
    registry: ErrorCodeRegistry,
  ) {
    const codes = registry.entries().map((entry) => entry.definition);
    const catalogues = new LocaleCatalogues(codes, [BUILTIN_LOCALES, settings.messages], settings.defaultLocale);
    this.defaultLocale = catalogues.defaultLocale;
    this.locales = new LanguageNegotiator(
      catalogues.byTag,
      catalogues.defaultLocale,
      settings.headerLimits.acceptLanguage,
    );
    this.problemJson = new ProblemJsonPreference(settings.headerLimits.accept);
    this.problems = catalogues.problems;
    this.templates = new Map(codes.map((code) => [code.code, code.message]));
    const vary = [settings.format === 'negotiate' ? 'Accept' : '', catalogues.byTag.size > 1 ? 'Accept-Language' : ''];
    this.vary = vary.filter(Boolean).join(', ') || undefined;
  }

  /** The answer to a request with these headers. */
  respond(headers: Headers, errors: readonly ErrorWithStatus[], status: number, requestId: string): ErrorResponse {
    const locale = this.locales.negotiate(headerValue(headers?.['accept-language']));
    const problem =
      this.settings.format === 'negotiate'
        ? this.problemJson.prefers(headerValue(headers?.accept))
        : this.settings.format === 'problem+json';
    return this.build(locale, problem, errors, status, requestId);
  }

  /**
   * The answer when the request's headers cannot be trusted (Node's parser refused the
   * request): the default locale, and Problem Details only when the app always answers so.
   */
  respondWithoutHeaders(errors: readonly ErrorWithStatus[], status: number, requestId: string): ErrorResponse {
    return this.build(this.defaultLocale, this.settings.format === 'problem+json', errors, status, requestId);
  }

  /** The contract array in the locale these headers ask for (transports whose shape is their own: GraphQL). */
  render(headers: Headers, errors: readonly ErrorWithStatus[]): { body: ApiError[]; contentLanguage: string } {
    const locale = this.locales.negotiate(headerValue(headers?.['accept-language']));
    return { body: locale.render(errors), contentLanguage: locale.tag };
  }

  /** The contract array in the default locale (WebSocket clients, which negotiate nothing). */
  defaultBody(errors: readonly ErrorWithStatus[]): ApiError[] {
    return this.defaultLocale.render(errors);
  }

  private build(
    locale: CompiledLocale,
    problem: boolean,
    errors: readonly ErrorWithStatus[],
    status: number,
    requestId: string,
  ): ErrorResponse {
    const body = locale.render(errors);
    const languages = locale.languages(errors);
    if (!problem) return { body, contentType: undefined, contentLanguage: languages.join(', ') };
    const title = (code: string): string => {
      const template = this.templates.get(code);
      const summary = template === undefined ? undefined : locale.summary(code, template);
      const titled = problemTitle(summary, status, errors.length, locale.tag);
      for (const tag of titled.tags) if (!languages.includes(tag)) languages.push(tag);
      return titled.text;
    };
    return {
      body: toProblemDetails(errors, body, status, requestId, this.settings.problemTypeBase, title),
      contentType: PROBLEM_JSON_CONTENT_TYPE,
      contentLanguage: languages.join(', '),
    };
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
