import type { AbstractHttpAdapter } from '@nestjs/core';

/**
 * Has the platform run `answer` for requests no route matches, in the place Nest
 * chooses for its own not-found handler. Nest registers that handler after every
 * module's init hooks (so after routes that modules such as ServeStaticModule add
 * then); replacing the handler it passes, rather than adding a route of our own, keeps
 * that place and Nest's prefix rules, on both adapters.
 */
export function answerUnknownRoutes(
  adapter: Pick<AbstractHttpAdapter, 'setNotFoundHandler'>,
  answer: (request: never, response: never) => void,
): void {
  const register = adapter.setNotFoundHandler.bind(adapter);
  adapter.setNotFoundHandler = (_nestHandler, prefix, excludedRoutes) => register(answer, prefix, excludedRoutes);
}
