import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DatabaseCodes, ErrorResponseEntry, ErrorResponses } from 'nest-error-contract';
import { ApiIdParam } from '../common/api-id-param.decorator';
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
import { TableColumn } from './table-column.entity';
import { Table } from './table.entity';
import { TablesService } from './tables.service';
import { ColumnView, ConstraintView, RecordPage, RecordView, TableView } from './views';

const TABLE_ID = ApiIdParam('id', 'The id of the table.');
const TABLE_ID_OF = ApiIdParam('tableId', 'The id of the table.');
const COLUMN_ID = ApiIdParam('id', 'The id of the column.');
const example = (summary: string, value: object) => ({ example: { summary, value } });

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
  // Its constraints, as the translator learnt them (columns_table_id_name_key: COLUMN_NAME_TAKEN on name).
  { entity: TableColumn },
];

@ApiTags('tables')
@Controller('tables')
export class TablesController {
  constructor(
    private readonly tables: TablesService,
    private readonly columns: ColumnsService,
    private readonly constraints: ConstraintsService,
    private readonly records: RecordsService,
  ) {}

  @Post()
  @ApiBody({ type: CreateTableDto, examples: example('A table owned by user 1', { name: 'books', owner_id: 1 }) })
  @ApiCreatedResponse({ type: TableView, description: 'The table, without columns yet.' })
  // Its constraints, as the translator learnt them: the name is unique (TABLE_NAME_TAKEN), the owner must exist.
  @ErrorResponses({ entity: Table })
  create(@Body() dto: CreateTableDto) {
    return this.tables.create(dto);
  }

  @Get(':id')
  @TABLE_ID
  @ApiOkResponse({ type: TableView })
  @ErrorResponses(TABLE_NOT_FOUND)
  findOne(@Param('id', ParseIdPipe) id: number) {
    return this.tables.findOne(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @TABLE_ID
  @ApiNoContentResponse({ description: 'Deleted, with its columns and records.' })
  @ErrorResponses(TABLE_NOT_FOUND)
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.tables.remove(id);
  }

  // The DTOs check the body's shape; `type_options` and `values` are passed on as the
  // client sent them (JsonBodyField), since the DTO's copy of them can lack keys.
  @Post(':tableId/columns')
  @TABLE_ID_OF
  @ApiBody({
    type: CreateColumnDto,
    examples: example('A VARCHAR(80) column', { name: 'title', type: 'VARCHAR', type_options: { length: 80 } }),
  })
  @ApiCreatedResponse({ type: ColumnView })
  @ErrorResponses(TABLE_NOT_FOUND, ...COLUMN_WRITE_ERRORS)
  addColumn(
    @Param('tableId', ParseIdPipe) tableId: number,
    @Body() dto: CreateColumnDto,
    @JsonBodyField('type_options') typeOptions: CreateColumnDto['type_options'],
  ) {
    return this.columns.add(tableId, { ...dto, type_options: typeOptions });
  }

  @Post(':tableId/constraints')
  @TABLE_ID_OF
  @ApiBody({ type: CreateConstraintDto, examples: example('Unique titles', { type: 'unique', columns: ['title'] }) })
  @ApiCreatedResponse({ type: ConstraintView })
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
  @TABLE_ID_OF
  @ApiBody({ type: CreateRecordDto, examples: example('A record', { values: { title: 'Dune' } }) })
  @ApiCreatedResponse({ type: RecordView })
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
  @TABLE_ID_OF
  @ApiOkResponse({ type: RecordPage, description: 'A page of records, by id.' })
  @ErrorResponses(TABLE_NOT_FOUND)
  listRecords(@Param('tableId', ParseIdPipe) tableId: number, @Query() query: PageQueryDto) {
    return this.records.list(tableId, query.limit, query.offset);
  }
}

@ApiTags('tables')
@Controller('columns')
export class ColumnsController {
  constructor(private readonly columns: ColumnsService) {}

  @Patch(':id')
  @COLUMN_ID
  @ApiBody({ type: UpdateColumnDto, examples: example('A new type', { type: 'TEXT', type_options: null }) })
  @ApiOkResponse({ type: ColumnView, description: 'The column, as stored.' })
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
  @COLUMN_ID
  @ApiNoContentResponse({ description: 'Deleted, with its data.' })
  @ErrorResponses(COLUMN_NOT_FOUND)
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.columns.remove(id);
  }
}
