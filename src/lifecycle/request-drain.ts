import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'node:http';

/**
 * Counts the HTTP requests in flight and, once draining, marks every request that
 * arrives afterwards so that DrainingGuard refuses it, while the requests accepted
 * before the drain began run to the end. The bookkeeping is on Node's HTTP server
 * itself, so it is the same for Express and Fastify and includes requests still
 * receiving their body.
 */
@Injectable()
export class RequestDrain implements OnApplicationBootstrap {
  private inFlight = 0;
  private draining = false;
  private readonly late = new WeakSet<IncomingMessage>();

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer?.() as Server | undefined;
    server?.on('request', (request, response) => {
      if (this.draining) {
        this.late.add(request);
        return;
      }
      this.inFlight += 1;
      response.once('close', () => {
        this.inFlight -= 1;
      });
    });
  }

  /** Whether `request` (Node's, or a framework request wrapping it in `raw`) arrived after the drain began. */
  arrivedWhileDraining(request: IncomingMessage | { raw?: IncomingMessage }): boolean {
    if (!this.draining) return false;
    const raw = 'raw' in request && request.raw ? request.raw : (request as IncomingMessage);
    return this.late.has(raw);
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /**
   * From now on new requests are refused; resolves once the requests accepted before
   * are done, or when `graceMs` has passed, with the number still unfinished.
   */
  async drain(graceMs: number): Promise<number> {
    this.draining = true;
    const deadline = Date.now() + graceMs;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return this.inFlight;
  }
}
