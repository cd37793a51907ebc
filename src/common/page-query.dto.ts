import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_ID } from './parse-id.pipe';

/** A decimal integer written the one way, as ContractParseIntPipe (the id pipe) accepts it. */
const CANONICAL_INTEGER = /^(?:0|-?[1-9]\d{0,15})$/u;

/**
 * A query integer: only its canonical spelling becomes a number. `@Type(() => Number)`
 * runs `Number()`, which reads `0x10`, `1e1`, ` 5`, `5.0`, `+5` and `05` as numbers, so
 * `?limit=0x10` paged by 16; any other text now stays text, which `@IsInt()` answers
 * (400 2023 naming the field), as a malformed id is.
 */
function QueryInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && CANONICAL_INTEGER.test(value) ? Number(value) : value,
  );
}

/** `?limit=&offset=` of list routes. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Page size.' })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_ID, default: 0, description: 'Items to skip.' })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  @Max(MAX_ID)
  offset: number = 0;
}

export interface Page<T> {
  count: number;
  results: T[];
}

/** `count` of a page in the OpenAPI document: every item, not only this page's. */
export const PAGE_COUNT = ApiProperty({ type: 'integer', minimum: 0, description: 'How many items there are in all.' });
