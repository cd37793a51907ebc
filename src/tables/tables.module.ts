import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ColumnsService } from './columns.service';
import { ConstraintsService } from './constraints.service';
import { PhysicalTables } from './physical-tables';
import { RecordsService } from './records.service';
import { Table } from './table.entity';
import { TableColumn } from './table-column.entity';
import { ColumnsController, TablesController } from './tables.controller';
import { TablesService } from './tables.service';

@Module({
  imports: [TypeOrmModule.forFeature([Table, TableColumn])],
  controllers: [TablesController, ColumnsController],
  providers: [PhysicalTables, TablesService, ColumnsService, ConstraintsService, RecordsService],
  exports: [TablesService, ColumnsService],
})
export class TablesModule {}
