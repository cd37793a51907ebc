import { Module } from '@nestjs/common';
import { ErrorsModule } from 'nest-error-contract';

/** The smallest app: no TypeORM, no pg, no routes of its own. */
@Module({ imports: [ErrorsModule.forRoot()] })
export class AppModule {}
