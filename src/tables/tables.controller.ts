import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { JsonBodyField } from '../common/json-body-field.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ColumnsService } from './columns.service';
import { ConstraintsService } from './constraints.service';
import { RecordsService } from './records.service';
import { CreateColumnDto, CreateConstraintDto, CreateRecordDto, CreateTableDto, UpdateColumnDto } from './tables.dto';
import { TablesService } from './tables.service';

@Controller('tables')
export class TablesController {
  constructor(
    private readonly tables: TablesService,
    private readonly columns: ColumnsService,
    private readonly constraints: ConstraintsService,
    private readonly records: RecordsService,
  ) {}

  @Post()
  create(@Body() dto: CreateTableDto) {
    return this.tables.create(dto);
  }

  @Get(':id')
  findOne(@Param('id', ParseIdPipe) id: number) {
    return this.tables.findOne(id);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.tables.remove(id);
  }

  // The DTOs check the body's shape; `type_options` and `values` are passed on as the
  // client sent them (JsonBodyField), since the DTO's copy of them can lack keys.
  @Post(':tableId/columns')
  addColumn(
    @Param('tableId', ParseIdPipe) tableId: number,
    @Body() dto: CreateColumnDto,
    @JsonBodyField('type_options') typeOptions: CreateColumnDto['type_options'],
  ) {
    return this.columns.add(tableId, { ...dto, type_options: typeOptions });
  }

  @Post(':tableId/constraints')
  addConstraint(@Param('tableId', ParseIdPipe) tableId: number, @Body() dto: CreateConstraintDto) {
    return this.constraints.add(tableId, dto);
  }

  @Post(':tableId/records')
  addRecord(
    @Param('tableId', ParseIdPipe) tableId: number,
    @Body() _dto: CreateRecordDto,
    @JsonBodyField('values') values: Record<string, unknown>,
  ) {
    return this.records.insert(tableId, values);
  }

  @Get(':tableId/records')
  listRecords(@Param('tableId', ParseIdPipe) tableId: number, @Query() query: PageQueryDto) {
    return this.records.list(tableId, query.limit, query.offset);
  }
}

@Controller('columns')
export class ColumnsController {
  constructor(private readonly columns: ColumnsService) {}

  @Patch(':id')
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateColumnDto,
    @JsonBodyField('type_options') typeOptions: UpdateColumnDto['type_options'],
  ) {
    return this.columns.update(id, { ...dto, type_options: typeOptions });
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.columns.remove(id);
  }
}
