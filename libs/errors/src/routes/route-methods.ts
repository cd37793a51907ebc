import { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import { RouteEntry, allowedMethods, routeTable } from './route-table.js';

/**
 * The methods each path of the app answers, for a 405 with `Allow` when a known path is
 * called with another method. Built on first use, when every controller is registered:
 * the controllers Nest discovered, their `@Get()`... paths, under the global prefix.
 * Routes added around Nest (Swagger UI, the catalogue) are not in it: their paths stay 404s.
 */
export class RouteMethods {
  private table?: RouteEntry[];

  constructor(
    private readonly app: Pick<INestApplicationContext, 'get'>,
    private readonly globalPrefix: () => string,
  ) {}

  /** The methods of the path (`['GET', 'HEAD', 'PATCH']`), empty when no route has it. */
  allowedFor(path: string): string[] {
    return allowedMethods((this.table ??= this.build()), path);
  }

  private build(): RouteEntry[] {
    const discovery = new DiscoveryService(this.app.get(ModulesContainer));
    const controllers = new Set(
      discovery
        .getControllers()
        .map((wrapper) => wrapper.metatype)
        .filter((metatype): metatype is RouteEntry['controller'] => typeof metatype === 'function'),
    );
    return routeTable([...controllers], this.globalPrefix());
  }
}
