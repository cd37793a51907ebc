import { ApiParam } from '@nestjs/swagger';
import { MAX_ID } from './parse-id.pipe';

/**
 * A path id in the OpenAPI document as ParseIdPipe takes it: an integer from 1 to the
 * largest PostgreSQL `integer`, with an example (tools that build requests from the
 * document, such as Dredd, need one per path parameter).
 */
export const ApiIdParam = (name: string, description: string): MethodDecorator =>
  ApiParam({
    name,
    description,
    schema: { type: 'integer', minimum: 1, maximum: MAX_ID, example: 1 },
    example: 1,
  });
