import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { DatabaseCodes, ErrorResponseEntry, ErrorResponses } from 'nest-error-contract';
import { JsonBodyField } from '../common/json-body-field.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';
import {
  COLUMN_DATA_NOT_CONVERTIBLE,
  COLUMN_NAME_TAKEN,
  COLUMN_NOT_FOUND,
  DUPLICATE_VALUES,
  INVALID_TYPE_OPTION,
  RECORD_VALUE_NOT_SCALAR,
  TABLE_NOT_FOUND,
  TYPE_OPTIONS_NOT_ALLOWED,
  UNKNOWN_COLUMN,
  UNKNOWN_COLUMN_TYPE,
  UNKNOWN_TYPE_OPTION,
} from '../errors/app-error-codes';
import { ColumnsService } from './columns.service';
import { ConstraintsService } from './constraints.service';
import { RecordsService } from './records.service';
import { CreateColumnDto, CreateConstraintDto, CreateRecordDto, CreateTableDto, UpdateColumnDto } from './tables.dto';
import { TablesService } from './tables.service';

/**
 * Adding or changing a column: the name and type problems are all reported in one
 * response; the unique constraint on (table_id, name) answers a concurrent request for
 * the same name.
 */
const COLUMN_WRITE_ERRORS: ErrorResponseEntry[] = [
  {
    collected: [
      { code: COLUMN_NAME_TAKEN, field: 'name' },
      { code: UNKNOWN_COLUMN_TYPE, field: 'type' },
      { code: TYPE_OPTIONS_NOT_ALLOWED, field: 'type_options' },
      { code: UNKNOWN_TYPE_OPTION, field: 'type_options.{option}' },
      { code: INVALID_TYPE_OPTION, field: 'type_options.{option}' },
    ],
  },
  { constraint: 'columns_table_id_name_key' },
];

@Controller('tables')
export class TablesController {
  constructor(
    private readonly tables: TablesService,
    private readonly columns: ColumnsService,
    private readonly constraints: ConstraintsService,
    private readonly records: RecordsService,
  ) {}

  @Post()
  // The owner must exist (tables_owner_id_fkey, inferred by the translator).
  @ErrorResponses(
    { constraint: 'tables_name_key' },
    { code: DatabaseCodes.REFERENCED_RECORD_NOT_FOUND, field: 'owner_id' },
  )
  create(@Body() dto: CreateTableDto) {
    return this.tables.create(dto);
  }

  @Get(':id')
  @ErrorResponses(TABLE_NOT_FOUND)
  findOne(@Param('id', ParseIdPipe) id: number) {
    return this.tables.findOne(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ErrorResponses(TABLE_NOT_FOUND)
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.tables.remove(id);
  }

  // The DTOs check the body's shape; `type_options` and `values` are passed on as the
  // client sent them (JsonBodyField), since the DTO's copy of them can lack keys.
  @Post(':tableId/columns')
  @ErrorResponses(TABLE_NOT_FOUND, ...COLUMN_WRITE_ERRORS)
  addColumn(
    @Param('tableId', ParseIdPipe) tableId: number,
    @Body() dto: CreateColumnDto,
    @JsonBodyField('type_options') typeOptions: CreateColumnDto['type_options'],
  ) {
    return this.columns.add(tableId, { ...dto, type_options: typeOptions });
  }

  @Post(':tableId/constraints')
  // Every unknown column is reported; existing duplicates refuse the constraint.
  @ErrorResponses(
    TABLE_NOT_FOUND,
    { collected: [{ code: UNKNOWN_COLUMN, field: 'columns.{index}' }] },
    { code: DUPLICATE_VALUES, field: 'columns' },
  )
  addConstraint(@Param('tableId', ParseIdPipe) tableId: number, @Body() dto: CreateConstraintDto) {
    return this.constraints.add(tableId, dto);
  }

  @Post(':tableId/records')
  @ErrorResponses(
    TABLE_NOT_FOUND,
    // Checked before the insert, every value at once.
    {
      collected: [
        { code: UNKNOWN_COLUMN, field: 'values.{column}' },
        { code: RECORD_VALUE_NOT_SCALAR, field: 'values.{column}' },
      ],
    },
    // What PostgreSQL refuses in a value, attributed to its column (records.service.ts).
    ...[
      DatabaseCodes.UNIQUE_VIOLATION,
      DatabaseCodes.VALUE_TOO_LONG,
      DatabaseCodes.NUMBER_OUT_OF_RANGE,
      DatabaseCodes.INVALID_VALUE_FOR_TYPE,
      DatabaseCodes.INVALID_DATE_TIME,
      // A NUL character (22021); a lone surrogate is refused before, by the validation pipe (2141).
      DatabaseCodes.INVALID_CHARACTERS,
    ].map((code) => ({ code, field: 'values.{column}' })),
  )
  addRecord(
    @Param('tableId', ParseIdPipe) tableId: number,
    @Body() _dto: CreateRecordDto,
    @JsonBodyField('values') values: Record<string, unknown>,
  ) {
    return this.records.insert(tableId, values);
  }

  @Get(':tableId/records')
  @ErrorResponses(TABLE_NOT_FOUND)
  listRecords(@Param('tableId', ParseIdPipe) tableId: number, @Query() query: PageQueryDto) {
    return this.records.list(tableId, query.limit, query.offset);
  }
}

@Controller('columns')
export class ColumnsController {
  constructor(private readonly columns: ColumnsService) {}

  @Patch(':id')
  @ErrorResponses(COLUMN_NOT_FOUND, ...COLUMN_WRITE_ERRORS, { code: COLUMN_DATA_NOT_CONVERTIBLE, field: 'type' })
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateColumnDto,
    @JsonBodyField('type_options') typeOptions: UpdateColumnDto['type_options'],
  ) {
    return this.columns.update(id, { ...dto, type_options: typeOptions });
  }

  @Delete(':id')
  @HttpCode(204)
  @ErrorResponses(COLUMN_NOT_FOUND)
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.columns.remove(id);
  }
}
