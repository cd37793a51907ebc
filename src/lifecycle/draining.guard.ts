import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { RequestDrain } from './request-drain';
import { ServerShuttingDownError } from './server-shutting-down';

/**
 * Refuses a routed request that arrived after the app began to drain (a guard runs
 * before any pipe or handler, so such a request changes nothing).
 */
@Injectable()
export class DrainingGuard implements CanActivate {
  constructor(private readonly drain: RequestDrain) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<IncomingMessage | { raw?: IncomingMessage }>();
    if (this.drain.arrivedWhileDraining(request)) throw new ServerShuttingDownError();
    return true;
  }
}
