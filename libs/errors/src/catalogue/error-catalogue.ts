import { INestApplicationContext } from '@nestjs/common';
import { ErrorCode } from '../codes/error-code.js';
import { ErrorCodeRegistry } from '../codes/registry.js';
import {
  ERROR_CODE_NOT_FOUND,
  HTTP_METHOD_NOT_ALLOWED,
  MALFORMED_REQUEST,
  ROUTE_NOT_FOUND,
} from '../codes/request.codes.js';
import { ErrorsSettings } from '../errors.settings.js';
import { BUILTIN_LOCALES } from '../locales/builtin-locales.js';
import { routeTable } from '../routes/route-table.js';
import { discoverRoutes } from '../route-errors/route-discovery.js';
import { routeErrorContext, sharedErrors } from '../route-errors/route-error-context.js';
import { routeErrors } from '../route-errors/route-errors.js';
import { CatalogueEntry, catalogueEntries } from './catalogue-entry.js';

/** Where the catalogue is served, from the `catalogue` option. */
export interface CatalogueSettings {
  /** The path of the list; each code is at `<path>/<code>`. */
  readonly path: string;
}

/** Codes every request can get, whichever route it reaches (or none). */
const ANY_REQUEST: readonly ErrorCode[] = [ROUTE_NOT_FOUND, MALFORMED_REQUEST, HTTP_METHOD_NOT_ALLOWED];

/**
 * The registered codes as the catalogue serves them. Built on the first request for it,
 * when every route is registered, from the same derivation the OpenAPI documenter uses
 * (route-errors.ts): the routes listed for a code are the routes documented with it.
 */
export class ErrorCatalogue {
  private built?: { list: CatalogueEntry[]; byCode: Map<string, CatalogueEntry> };

  constructor(
    private readonly settings: ErrorsSettings,
    private readonly catalogue: CatalogueSettings,
    private readonly registry: ErrorCodeRegistry,
    private readonly app: Pick<INestApplicationContext, 'get'>,
    private readonly globalPrefix: () => string,
  ) {}

  get path(): string {
    return this.catalogue.path;
  }

  list(): readonly CatalogueEntry[] {
    return this.build().list;
  }

  entry(code: string): CatalogueEntry | undefined {
    return this.build().byCode.get(code);
  }

  private build(): { list: CatalogueEntry[]; byCode: Map<string, CatalogueEntry> } {
    if (this.built) return this.built;
    const list = catalogueEntries(
      this.registry.entries(),
      [BUILTIN_LOCALES, this.settings.messages],
      this.settings.defaultLocale,
      this.routesByCode(),
      (code) => `${this.catalogue.path}/${code}`,
    );
    this.built = { list, byCode: new Map(list.map((entry) => [entry.code, entry])) };
    return this.built;
  }

  private routesByCode(): Map<string, string[]> {
    const routes = [...discoverRoutes(this.app).values()];
    const table = routeTable([...new Set(routes.map((route) => route.controller))], this.globalPrefix());
    const context = routeErrorContext(this.app, this.settings);
    const byCode = new Map<string, Set<string>>();
    const add = (code: string, label: string) => {
      const set = byCode.get(code) ?? new Set<string>();
      byCode.set(code, set.add(label));
    };
    for (const route of routes) {
      const labels = table
        .filter((entry) => entry.controller === route.controller && entry.handlerName === route.handlerName)
        .map((entry) => `${entry.method} ${entry.path}`);
      if (labels.length === 0) continue;
      for (const error of routeErrors(route, context)) for (const label of labels) add(error.code.code, label);
    }
    add(ERROR_CODE_NOT_FOUND.code, `GET ${this.catalogue.path}/{code}`);
    const result = new Map<string, string[]>();
    for (const [code, labels] of byCode) result.set(code, [...labels].sort());
    for (const error of [...sharedErrors(this.settings).map((shared) => shared.code), ...ANY_REQUEST]) {
      result.set(error.code, ['*']);
    }
    return result;
  }
}
