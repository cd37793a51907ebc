import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { CreateColumnDto, UpdateColumnDto } from '../tables/tables.dto';
import { graphqlFields } from './graphql-fields';
import { JSONObjectScalar } from './json-object.scalar';

// As for users: the REST DTOs with GraphQL types, so both run the same rules.

@InputType('CreateColumnInput')
export class CreateColumnInput extends CreateColumnDto {}
graphqlFields(CreateColumnInput, {
  name: [() => String],
  type: [() => String],
  type_options: [() => JSONObjectScalar, { nullable: true }],
});

@InputType('UpdateColumnInput')
export class UpdateColumnInput extends UpdateColumnDto {}
graphqlFields(UpdateColumnInput, {
  name: [() => String, { nullable: true }],
  type: [() => String, { nullable: true }],
  type_options: [() => JSONObjectScalar, { nullable: true }],
});

@ObjectType('Column')
export class ColumnType {
  @Field(() => Int)
  id!: number;

  @Field(() => Int)
  table_id!: number;

  @Field()
  name!: string;

  @Field()
  type!: string;

  @Field(() => JSONObjectScalar, { nullable: true })
  type_options!: Record<string, number> | null;
}
