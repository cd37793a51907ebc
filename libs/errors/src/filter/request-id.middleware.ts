import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { ERRORS_MODULE_OPTIONS, ErrorsModuleOptions } from '../errors.options';
import { requestIdOf } from './request-id';

export const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';

type NodeResponse = { setHeader(name: string, value: string): unknown };

/** Gives every response, successful or not, its `X-Request-Id` (DESIGN.md). */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  private readonly headerName: string;

  constructor(@Inject(ERRORS_MODULE_OPTIONS) options: ErrorsModuleOptions) {
    this.headerName = (options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER).toLowerCase();
  }

  use(request: unknown, response: NodeResponse, next: () => void): void {
    response.setHeader(this.headerName, requestIdOf(request, this.headerName));
    next();
  }
}
