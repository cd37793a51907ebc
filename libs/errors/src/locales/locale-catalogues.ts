import { ErrorCode } from '../codes/error-code.js';
import { CompiledLocale, RenderMessage, compileMessage } from './compiled-locale.js';
import { LocaleMessages } from './locale-messages.js';
import { findMessageProblems } from './translation-problems.js';

/** The language the codes' own templates are written in: it needs no catalogue. */
export const SOURCE_LOCALE = 'en';

/**
 * Every locale an app answers in, compiled once at start-up. A locale's message for a
 * code comes from the first of: the locale, its parents (`de-CH` -> `de`), the default
 * locale and its parents; the source language ends the search (the code's own template).
 */
export class LocaleCatalogues {
  /** Lower-cased tag -> compiled locale, for negotiation. */
  readonly byTag: ReadonlyMap<string, CompiledLocale>;
  readonly defaultLocale: CompiledLocale;
  /** What start-up reports once: missing translations, unknown codes, bad placeholders. */
  readonly problems: readonly string[];

  constructor(
    codes: readonly ErrorCode[],
    /**
     * Catalogues by locale tag, the later ones overriding messages of the earlier ones.
     * The first holds the built-in locales, the rest the app's.
     */
    catalogues: readonly Readonly<Record<string, LocaleMessages>>[],
    defaultLocale: string,
  ) {
    const merged = mergeByCanonicalTag(catalogues);
    const defaultTag = canonicalTag(defaultLocale);
    const tags = new Set([SOURCE_LOCALE, defaultTag, ...merged.keys()]);
    const byTag = new Map<string, CompiledLocale>();
    for (const tag of tags) byTag.set(tag.toLowerCase(), compileLocale(tag, defaultTag, merged));
    this.byTag = byTag;
    this.defaultLocale = byTag.get(defaultTag.toLowerCase())!;
    // A built-in locale the app did not configure covers the library's codes; the app's
    // own codes fall back quietly there. A locale the app configures, or makes its
    // default, is checked against every code, so a gap in the app's translations shows.
    const configured = new Set(catalogues.slice(1).flatMap((catalogue) => Object.keys(catalogue).map(canonicalTag)));
    this.problems = reportProblems(codes, merged, configured.add(defaultTag), defaultTag);
  }
}

/** A BCP 47 tag in its canonical form (`de-ch` -> `de-CH`); a malformed one fails start-up. */
export function canonicalTag(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    throw new Error(`"${tag}" is not a BCP 47 language tag (such as en, de or de-CH).`);
  }
}

/** The built-in catalogues and the app's, one per canonical tag; later messages win. */
function mergeByCanonicalTag(
  catalogues: readonly Readonly<Record<string, LocaleMessages>>[],
): Map<string, LocaleMessages> {
  const merged = new Map<string, LocaleMessages>();
  for (const [tag, messages] of catalogues.flatMap((catalogue) => Object.entries(catalogue))) {
    const canonical = canonicalTag(tag);
    const before = merged.get(canonical);
    merged.set(canonical, {
      codes: { ...before?.codes, ...messages.codes },
      rules: { ...before?.rules, ...messages.rules },
    });
  }
  return merged;
}

/** `de-CH-1996` -> [`de-CH-1996`, `de-CH`, `de`] (RFC 4647 lookup, single-letter subtags dropped with the next). */
export function withParents(tag: string): string[] {
  const chain = [tag];
  let current = tag;
  for (let cut = current.lastIndexOf('-'); cut > 0; cut = current.lastIndexOf('-')) {
    current = current.slice(0, cut);
    if (current.length >= 2 && current[current.length - 2] === '-') current = current.slice(0, -2);
    chain.push(current);
  }
  return chain;
}

/** Where a locale looks for a message, in order, up to and including the source language. */
function searchOrder(tag: string, defaultTag: string): string[] {
  const order: string[] = [];
  for (const candidate of [...withParents(tag), ...withParents(defaultTag)]) {
    if (!order.includes(candidate)) order.push(candidate);
    // English overrides an app gave still count; past them are the codes' own templates.
    if (candidate === SOURCE_LOCALE) break;
  }
  return order;
}

function compileLocale(tag: string, defaultTag: string, catalogues: Map<string, LocaleMessages>): CompiledLocale {
  const plurals = new Intl.PluralRules(tag);
  const codes = new Map<string, RenderMessage>();
  const rules = new Map<string, RenderMessage>();
  const sources = { codes: new Map<string, string>(), rules: new Map<string, string>() };
  // The first catalogue in the search order that has a message wins: fill from the last.
  for (const candidate of searchOrder(tag, defaultTag).reverse()) {
    const messages = catalogues.get(candidate);
    if (!messages) continue;
    for (const [code, message] of Object.entries(messages.codes ?? {})) {
      codes.set(code, compileMessage(message, plurals));
      sources.codes.set(code, candidate);
    }
    for (const [rule, message] of Object.entries(messages.rules ?? {})) {
      rules.set(rule, compileMessage(message, plurals));
      sources.rules.set(rule, candidate);
    }
  }
  return new CompiledLocale(tag, codes, rules, { ...sources, authored: defaultTag, templates: SOURCE_LOCALE });
}

/**
 * One list for one start-up report: per locale, the registered codes it has no message
 * for (answered in the default locale instead) and what is wrong with its messages.
 */
function reportProblems(
  codes: readonly ErrorCode[],
  catalogues: Map<string, LocaleMessages>,
  configured: ReadonlySet<string>,
  defaultTag: string,
): string[] {
  const problems: string[] = [];
  const fallback = defaultTag === SOURCE_LOCALE ? SOURCE_LOCALE : `${defaultTag} (else ${SOURCE_LOCALE})`;
  for (const tag of configured) {
    if (tag === SOURCE_LOCALE) continue;
    const own = withParents(tag);
    if (own.includes(SOURCE_LOCALE)) continue; // en-GB: whatever it lacks, English has
    const missing = codes.filter(
      (code) => !own.some((candidate) => Object.hasOwn(catalogues.get(candidate)?.codes ?? {}, code.code)),
    );
    if (missing.length > 0) {
      problems.push(
        `Locale ${tag} has no message for ${missing.length} code(s), answered in ${tag === defaultTag ? SOURCE_LOCALE : fallback} instead: ` +
          `${missing.map((code) => code.code).join(', ')}.`,
      );
    }
    const messages = catalogues.get(tag);
    if (messages) problems.push(...findMessageProblems(codes, messages, tag));
  }
  return problems;
}
