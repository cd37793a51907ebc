import { ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';

/**
 * A property that holds an object of a DTO's schema, or null. `{ type: () => Dto,
 * nullable: true }` is not that in OpenAPI 3.0: `nullable` only widens a `type` beside it,
 * and the `allOf` @nestjs/swagger writes still refuses null (validators say so). The
 * class must be registered with `@ApiExtraModels()`.
 */
export function nullableRef(dto: new () => object, extra: ApiPropertyOptions = {}): ApiPropertyOptions {
  return {
    ...extra,
    anyOf: [{ $ref: getSchemaPath(dto) }, { type: 'object', nullable: true, enum: [null] }],
  } as ApiPropertyOptions;
}
