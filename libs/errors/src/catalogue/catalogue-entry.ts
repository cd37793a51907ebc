import { CodeCategory, ErrorCode } from '../codes/error-code.js';
import { CodeOwner } from '../codes/registry.js';
import { canonicalTag } from '../locales/locale-catalogues.js';
import { LocaleMessages, LocalizedMessage } from '../locales/locale-messages.js';

/** One code as the catalogue serves it (`GET /errors/{code}`, JSON). */
export interface CatalogueEntry {
  code: string;
  name: string;
  /** The status it is answered with by default. */
  status: number;
  category: CodeCategory;
  owner: CodeOwner;
  /** The message template per locale tag (`en` is the code's own), plural forms as given. */
  messages: Record<string, LocalizedMessage>;
  /** The shape of `details`, as the code documents it (`{ id: number }`, `null`). */
  details: string;
  description: string | null;
  /** The Problem Details `type` of this code: the entry's own address. */
  type: string;
  /**
   * The routes that can answer with it (`POST /api/v0/users`), as the OpenAPI documenter
   * derives them; `['*']` for a code any request can get (a server error, an unknown route).
   */
  routes: string[];
}

export interface RegisteredCode {
  definition: ErrorCode;
  owner: CodeOwner;
  category: CodeCategory;
}

/**
 * The catalogue's entries: every registered code (nothing else), with its template in
 * every locale the app answers in. A locale without its own message for a code shows the
 * message it really answers with: its default locale's, else the code's English one.
 */
export function catalogueEntries(
  codes: readonly RegisteredCode[],
  catalogues: readonly Readonly<Record<string, LocaleMessages>>[],
  defaultLocale: string,
  routesByCode: ReadonlyMap<string, readonly string[]>,
  typeOf: (code: string) => string,
): CatalogueEntry[] {
  const byTag = new Map<string, Record<string, LocalizedMessage>>();
  for (const catalogue of catalogues) {
    for (const [tag, messages] of Object.entries(catalogue)) {
      const canonical = canonicalTag(tag);
      byTag.set(canonical, { ...byTag.get(canonical), ...messages.codes });
    }
  }
  const fallbackTag = canonicalTag(defaultLocale);
  const tags = ['en', ...[...byTag.keys()].filter((tag) => tag !== 'en').sort()];
  return codes.map(({ definition, owner, category }) => ({
    code: definition.code,
    name: definition.name,
    status: definition.status,
    category,
    owner,
    messages: Object.fromEntries(
      tags.map((tag) => [
        tag,
        byTag.get(tag)?.[definition.code] ?? byTag.get(fallbackTag)?.[definition.code] ?? definition.message,
      ]),
    ),
    details: definition.details,
    description: definition.description ?? null,
    type: typeOf(definition.code),
    routes: [...(routesByCode.get(definition.code) ?? [])],
  }));
}
