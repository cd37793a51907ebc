import { ApiError, ErrorWithStatus } from '../contract/api-error.js';
import { LocalizableError } from '../contract/localizable-error.js';
import { asSentence, compileTemplate, messageLookup } from '../contract/message.js';
import { INVALID_VALUE } from '../codes/validation.codes.js';
import { LocalizedMessage, PLURAL_CATEGORIES } from './locale-messages.js';

/** A compiled message: fills its template (or picks its plural form) from a lookup. */
export type RenderMessage = (lookup: (key: string) => unknown) => string;

/** A text and the BCP 47 tag of the language it is in. */
export interface LanguageText {
  readonly text: string;
  readonly tag: string;
}

/** Which language each of a locale's messages is in. */
export interface MessageSources {
  /** Code -> the tag of the catalogue its message came from (the locale's, a parent's, the default's). */
  readonly codes: ReadonlyMap<string, string>;
  /** Rule -> the same, for rules' messages. */
  readonly rules: ReadonlyMap<string, string>;
  /** The language of words the app wrote itself (DTO messages, occurrence messages): its default locale. */
  readonly authored: string;
  /** The language of the codes' own templates. */
  readonly templates: string;
}

/** What a placeholder reads as in a summary: a blank to fill. */
const BLANK = '…';

/**
 * One locale, compiled at start-up: for each code (and custom rule) whose message in
 * this locale differs from the code's own template, the compiled template. An error
 * whose message was rendered from a template is rendered again from this locale's;
 * anything else (a message written for the occurrence or in a DTO) is sent as it is.
 */
export class CompiledLocale {
  /** True when no message differs from the codes' own templates: errors are sent as built. */
  readonly unchanged: boolean;
  /** The one language every message of this locale is in, when there is only one. */
  private readonly onlyLanguage: string | undefined;
  private readonly summaries = new Map<string, LanguageText>();

  constructor(
    /** The BCP 47 tag that Accept-Language negotiates. */
    readonly tag: string,
    private readonly codes: ReadonlyMap<string, RenderMessage>,
    private readonly rules: ReadonlyMap<string, RenderMessage>,
    private readonly sources: MessageSources = { codes: new Map(), rules: new Map(), authored: tag, templates: tag },
  ) {
    this.unchanged = codes.size === 0 && rules.size === 0;
    const tags = new Set([...sources.codes.values(), ...sources.rules.values(), sources.authored, sources.templates]);
    this.onlyLanguage = tags.size === 1 ? sources.templates : undefined;
  }

  /**
   * The languages the messages of these errors are in, each once, in the order they
   * first appear: what Content-Language names. A message that fell back to another
   * locale (an app code without a German message) counts in that locale's language.
   */
  languages(errors: readonly ErrorWithStatus[]): string[] {
    if (this.onlyLanguage !== undefined) return [this.onlyLanguage];
    const tags: string[] = [];
    for (const item of errors) {
      const tag = this.languageOf(item);
      if (!tags.includes(tag)) tags.push(tag);
    }
    return tags;
  }

  /** The language of one error's message in this locale (mirrors `message`). */
  languageOf(item: ErrorWithStatus): string {
    const template = LocalizableError.argumentsOf(item);
    // Words the app wrote (in a DTO, for an occurrence) are taken to be in its default locale.
    if (template === undefined) return this.sources.authored;
    const code = item.error.error_code;
    if (template.rule !== undefined) {
      const rule = this.sources.rules.get(template.rule);
      if (rule !== undefined) return rule;
      // A custom rule's own default message, answered as 2000: its decorator's author wrote it.
      if (code === INVALID_VALUE.code) return this.sources.authored;
    }
    return this.sources.codes.get(code) ?? this.sources.templates;
  }

  /**
   * A code's message template in this locale with its placeholders left blank (`…`): a
   * human-readable summary of the problem, the same for every occurrence (Problem
   * Details `title`), and the language it is in. `ownTemplate` is the code's own.
   */
  summary(code: string, ownTemplate: string): LanguageText {
    let summary = this.summaries.get(code);
    if (summary === undefined) {
      const render = this.codes.get(code);
      const text = (render ?? compileTemplate(ownTemplate))(() => BLANK);
      summary = {
        text: text.replace(/…(?:[\s,]+…)+/gu, '…').replace(/…\.$/u, '…'),
        tag: render === undefined ? this.sources.templates : (this.sources.codes.get(code) ?? this.tag),
      };
      // Codes are registered at start-up: the cache holds at most one entry per code.
      this.summaries.set(code, summary);
    }
    return summary;
  }

  /** The contract objects of a response, messages in this locale; exactly the four keys. */
  render(errors: readonly ErrorWithStatus[]): ApiError[] {
    const body = new Array<ApiError>(errors.length);
    for (let index = 0; index < errors.length; index++) {
      const item = errors[index];
      const error = item.error;
      body[index] = {
        message: this.unchanged ? error.message : this.message(item),
        error_code: error.error_code,
        field: error.field ?? null,
        details: error.details ?? null,
      };
    }
    return body;
  }

  /** One error's message in this locale. */
  message(item: ErrorWithStatus): string {
    const template = LocalizableError.argumentsOf(item);
    const error = item.error;
    if (template === undefined) return error.message;
    let render: RenderMessage | undefined;
    if (template.rule === undefined) render = this.codes.get(error.error_code);
    else {
      // A custom rule without a code of its own answers the generic 2000 with its own
      // default message: that text says more than the generic template, so it is kept
      // unless the locale has a message for the rule.
      render =
        this.rules.get(template.rule) ??
        (error.error_code === INVALID_VALUE.code ? undefined : this.codes.get(error.error_code));
    }
    if (render === undefined) return error.message;
    return asSentence(render(messageLookup(template.params, error.details, error.field)));
  }
}

/** Compiles one message for a locale: a template, or plural forms picked by `Intl.PluralRules`. */
export function compileMessage(message: LocalizedMessage, plurals: Intl.PluralRules): RenderMessage {
  if (typeof message === 'string') return compileTemplate(message);
  const forms = new Map<string, RenderMessage>();
  for (const category of PLURAL_CATEGORIES) {
    const form = message[category];
    if (form !== undefined) forms.set(category, compileTemplate(form));
  }
  const other = forms.get('other')!;
  const key = message.plural;
  return (lookup) => {
    const count = toCount(lookup(key));
    const form = count === undefined ? other : (forms.get(plurals.select(count)) ?? other);
    return form(lookup);
  };
}

function toCount(value: unknown): number | undefined {
  const count =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(count) ? count : undefined;
}
