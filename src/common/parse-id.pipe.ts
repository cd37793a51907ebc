import { ArgumentMetadata, Injectable } from '@nestjs/common';
import { ErrorResponses, ContractParseIntPipe, ValidationCodes, ValidationFailedException } from 'nest-error-contract';

/** The largest value of PostgreSQL's `integer`, the type of every id. */
export const MAX_ID = 2_147_483_647;

/**
 * A path id: the library's ContractParseIntPipe (a malformed id is a 400 naming the parameter),
 * plus the range of `integer`, so `/users/99999999999` is a 400 naming `id` rather than
 * a query PostgreSQL rejects. It answers what ContractParseIntPipe declares, and MIN and MAX
 * (declared here for the OpenAPI document).
 */
@Injectable()
@ErrorResponses(ValidationCodes.MIN, ValidationCodes.MAX)
export class ParseIdPipe extends ContractParseIntPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<number> {
    const id = (await super.transform(value, metadata)) as number;
    const field = metadata.data ? String(metadata.data) : null;
    if (id < 1) throw new ValidationFailedException([ValidationCodes.MIN.create({ field, details: { min: 1 } })]);
    if (id > MAX_ID)
      throw new ValidationFailedException([ValidationCodes.MAX.create({ field, details: { max: MAX_ID } })]);
    return id;
  }
}
