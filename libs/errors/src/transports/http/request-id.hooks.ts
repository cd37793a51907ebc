import { assignRequestId } from './request-id.js';

type HttpAdapterLike = {
  getType(): string;
  getInstance(): unknown;
  use(handler: unknown): unknown;
};
type NodeResponse = { setHeader(name: string, value: string): unknown };
type FastifyLike = {
  addHook(
    name: 'onRequest',
    hook: (request: { raw: object }, reply: { header(name: string, value: string): unknown }, done: () => void) => void,
  ): unknown;
};

/**
 * Gives every response, successful or not, its `X-Request-Id`, as the contract requires. Installed as
 * the platform's own hook (Express middleware, Fastify onRequest) rather than a Nest
 * middleware: Nest's middleware layer matches routes for every request (and goes through
 * @fastify/middie on Fastify), which costs more than the header itself on the 2xx path.
 */
export function installRequestIdHook(adapter: HttpAdapterLike, headerName: string): void {
  if (adapter.getType() === 'fastify') {
    (adapter.getInstance() as FastifyLike).addHook('onRequest', (request, reply, done) => {
      // `raw.id` is @fastify/middie's copy of Fastify's own counter, not a logger's id.
      reply.header(headerName, assignRequestId(request.raw, headerName, false));
      done();
    });
    return;
  }
  adapter.use((request: object, response: NodeResponse, next: () => void) => {
    response.setHeader(headerName, assignRequestId(request, headerName));
    next();
  });
}
