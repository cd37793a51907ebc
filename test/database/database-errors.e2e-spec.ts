import 'reflect-metadata';
import { Body, Controller, Delete, Get, Inject, Injectable, Param, ParseIntPipe, Post } from '@nestjs/common';
import { TypeOrmModule, getRepositoryToken } from '@nestjs/typeorm';
import { Column, Entity, PrimaryGeneratedColumn, Repository } from 'typeorm';
import { ErrorsModule } from 'nest-error-contract';
import { ADAPTERS, TestApp, createTestApp, expectContract } from '../support/test-app';
import { ALL_DATABASES, TestDatabase, openDatabase } from '../support/databases';

@Entity('members')
class Member {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ unique: true }) email!: string;
  @Column({ name: 'display_name', type: 'varchar', length: 10 }) displayName!: string;
}

@Injectable()
class MembersService {
  constructor(@Inject(getRepositoryToken(Member)) private readonly members: Repository<Member>) {}
  create(body: Partial<Member>) {
    return this.members.save(this.members.create(body));
  }
  findOne(id: number) {
    return this.members.findOneByOrFail({ id });
  }
  /**
   * PostgreSQL: 55P03 as a lock timeout raises it (RAISE, so that it also runs on PGlite's
   * single session). MariaDB: a statement that outlives max_statement_time (1969).
   */
  lockTimeout() {
    if (this.members.manager.connection.options.type === 'mariadb') {
      return this.members.query('SET STATEMENT max_statement_time = 0.05 FOR SELECT SLEEP(1) FROM members');
    }
    return this.members.query("DO $$ BEGIN RAISE EXCEPTION 'busy' USING ERRCODE = 'lock_not_available'; END $$");
  }
  failWithABug() {
    return this.members.query('SELECT missing_column FROM members');
  }
}

@Controller('members')
class MembersController {
  constructor(private readonly service: MembersService) {}
  @Post() create(@Body() body: Partial<Member>) {
    return this.service.create(body);
  }
  @Get('bug') bug() {
    return this.service.failWithABug();
  }
  @Get(':id') findOne(@Param('id', ParseIntPipe) id: number) {
    return this.service.findOne(id);
  }
  @Delete('locked') locked() {
    return this.service.lockTimeout();
  }
}

const LEAKS = ['violates', 'Key (', 'SELECT', 'INSERT', 'UQ_', 'members', 'missing_column', 'test_'];

describe.each(ALL_DATABASES)('database errors through a Nest app on %s', (kind) => {
  describe.each(ADAPTERS)('with %s', (adapter) => {
    let db: TestDatabase;
    let app: TestApp;

    beforeAll(async () => {
      db = await openDatabase(kind, { entities: [Member] });
      app = await createTestApp(adapter, {
        imports: [
          TypeOrmModule.forRootAsync({
            useFactory: () => db.dataSource.options,
            dataSourceFactory: async () => db.dataSource,
          }),
          TypeOrmModule.forFeature([Member]),
          ErrorsModule.forRoot({
            database: {
              constraints: {},
              messages: { VALUE_TOO_LONG: 'The {subject} is longer than {max_length} characters.' },
            },
          }),
        ],
        controllers: [MembersController],
        providers: [MembersService],
      });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    function expectNoLeak(body: unknown): void {
      const text = JSON.stringify(body);
      for (const leak of LEAKS) expect(text).not.toContain(leak);
    }

    it('answers a taken email with 409 and the field', async () => {
      await app.http().post('/members').send({ email: 'a@x.io', displayName: 'Ann' }).expect(201);
      const response = await app.http().post('/members').send({ email: 'a@x.io', displayName: 'Bob' });
      expect(response.status).toBe(409);
      expect(expectContract(response)).toEqual([
        {
          message: 'This email is already in use.',
          error_code: '3001',
          field: 'email',
          details: { columns: ['email'] },
        },
      ]);
      expectNoLeak(response.body);
    });

    it('answers a value too long with 400, the field and max_length', async () => {
      const response = await app.http().post('/members').send({ email: 'b@x.io', displayName: 'much too long a name' });
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        {
          message: 'The display name is longer than 10 characters.',
          error_code: '3010',
          field: 'displayName',
          details: { max_length: 10 },
        },
      ]);
      expectNoLeak(response.body);
    });

    it('answers a missing record with 404', async () => {
      const response = await app.http().get('/members/424242');
      expect(response.status).toBe(404);
      expect(expectContract(response)).toEqual([
        { message: 'The member was not found.', error_code: '3040', field: null, details: { resource: 'member' } },
      ]);
    });

    it('answers a lock timeout with 503 and Retry-After', async () => {
      const response = await app.http().delete('/members/locked');
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(expectContract(response)).toEqual([
        {
          message: 'The database did not answer in time. Try again later.',
          error_code: '3030',
          field: null,
          details: { request_id: response.headers['x-request-id'], retry_after_seconds: 1, retryable: true },
        },
      ]);
    });

    it('answers a bug in the SQL with a bare 500 and the request id', async () => {
      const response = await app.http().get('/members/bug');
      expect(response.status).toBe(500);
      const [error] = expectContract(response);
      expect(error).toEqual({
        message: 'Something went wrong on our side. Quote the request id if you report it.',
        error_code: '5000',
        field: null,
        details: { request_id: response.headers['x-request-id'] },
      });
      expectNoLeak(response.body);
    });
  });
});
