import { Field, FieldOptions, ReturnTypeFunc } from '@nestjs/graphql';

/**
 * Gives the inherited properties of a REST DTO their GraphQL types, on a subclass that
 * is the GraphQL input. The subclass cannot redeclare a property to decorate it (the
 * redeclaration would shadow the DTO's own), so @Field is applied to its prototype here,
 * as the decorator itself would.
 */
export function graphqlFields(
  target: abstract new (...args: never[]) => unknown,
  fields: Record<string, [ReturnTypeFunc, FieldOptions?]>,
): void {
  for (const [name, [type, options]] of Object.entries(fields)) {
    Field(type, options ?? {})(target.prototype as object, name);
  }
}
