import { Args, Int, Mutation, Resolver } from '@nestjs/graphql';
import { ErrorResponseEntry, ErrorResponses } from 'nest-error-contract';
import {
  COLUMN_DATA_NOT_CONVERTIBLE,
  COLUMN_NAME_TAKEN,
  COLUMN_NOT_FOUND,
  INVALID_TYPE_OPTION,
  TABLE_NOT_FOUND,
  TYPE_OPTIONS_NOT_ALLOWED,
  UNKNOWN_COLUMN_TYPE,
  UNKNOWN_TYPE_OPTION,
} from '../errors/app-error-codes';
import { ColumnsService } from '../tables/columns.service';
import { ColumnType, CreateColumnInput, UpdateColumnInput } from './column.types';

/** As on the REST routes (tables.controller.ts), with the fields under the `input` argument. */
const COLUMN_WRITE_ERRORS: ErrorResponseEntry[] = [
  {
    collected: [
      { code: COLUMN_NAME_TAKEN, field: 'input.name' },
      { code: UNKNOWN_COLUMN_TYPE, field: 'input.type' },
      { code: TYPE_OPTIONS_NOT_ALLOWED, field: 'input.type_options' },
      { code: UNKNOWN_TYPE_OPTION, field: 'input.type_options.{option}' },
      { code: INVALID_TYPE_OPTION, field: 'input.type_options.{option}' },
    ],
  },
  { constraint: 'columns_table_id_name_key' },
];

/** The columns of the REST routes, over GraphQL: the same service, the same errors. */
@Resolver(() => ColumnType)
export class ColumnsResolver {
  constructor(private readonly columns: ColumnsService) {}

  @Mutation(() => ColumnType, { nullable: true })
  @ErrorResponses(TABLE_NOT_FOUND, ...COLUMN_WRITE_ERRORS)
  createColumn(@Args('tableId', { type: () => Int }) tableId: number, @Args('input') input: CreateColumnInput) {
    return this.columns.add(tableId, input);
  }

  @Mutation(() => ColumnType, { nullable: true })
  @ErrorResponses(COLUMN_NOT_FOUND, ...COLUMN_WRITE_ERRORS, { code: COLUMN_DATA_NOT_CONVERTIBLE, field: 'input.type' })
  updateColumn(@Args('id', { type: () => Int }) id: number, @Args('input') input: UpdateColumnInput) {
    return this.columns.update(id, input);
  }
}
