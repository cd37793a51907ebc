import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_ID } from './parse-id.pipe';

/** `?limit=&offset=` of list routes. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Page size.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_ID, default: 0, description: 'Items to skip.' })
  @IsOptional()
  @Type(() => Number)
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
