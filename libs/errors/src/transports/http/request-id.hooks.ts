import { assignRequestId } from './request-id.js';

type HttpAdapterLike = { use(handler: unknown): unknown };
type NodeResponse = { setHeader(name: string, value: string): unknown };

/**
 * Gives every response, successful or not, its `X-Request-Id`, as the contract requires. Installed as
 * the platform's own hook rather than a Nest middleware: Nest's middleware layer matches
 * routes for every request (and goes through @fastify/middie on Fastify), which costs
 * more than the header itself on the 2xx path. On Fastify it is part of the library's
 * one onRequest hook (fastify-request.hook.ts); here, an Express middleware.
 */
export function installRequestIdHook(adapter: HttpAdapterLike, headerName: string): void {
  adapter.use((request: object, response: NodeResponse, next: () => void) => {
    response.setHeader(headerName, assignRequestId(request, headerName));
    next();
  });
}
