import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * @nestjs/throttler's guard, throwing its ThrottlerException with the limit detail
 * attached (`throttlerLimitDetail`), so the error contract's 429 says the limit, the
 * window and the seconds to wait (docs/throttler.md). The stock guard's exception
 * carries only a message.
 */
@Injectable()
export class ContractThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw Object.assign(new ThrottlerException(), { throttlerLimitDetail: detail });
  }
}
