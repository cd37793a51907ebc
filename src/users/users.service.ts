import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFoundError } from 'nest-error-contract';
import { Repository } from 'typeorm';
import { Page } from '../common/page-query.dto';
import { USER_NOT_FOUND } from '../errors/app-error-codes';
import { User, UserProfile } from './user.entity';
import { CreateUserDto, UpdateUserDto } from './users.dto';
import { UserView } from './users.views';

/**
 * A data-access service in Nest: find-one-or-throw and update-one-or-throw, with errors that
 * know nothing of HTTP. Constraint failures are not caught here: the library's database
 * translator maps them to fields through the constraint registry.
 */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(dto: CreateUserDto): Promise<UserView> {
    const inserted = await this.users
      .createQueryBuilder()
      .insert()
      .values({
        email: dto.email.toLowerCase(),
        username: dto.username,
        display_name: dto.display_name ?? null,
        profile: toProfile(dto.profile),
      })
      .returning('*')
      .execute();
    return view(this.fromRaw(inserted.raw));
  }

  async list(limit: number, offset: number): Promise<Page<UserView>> {
    const [users, count] = await this.users.findAndCount({ order: { id: 'ASC' }, take: limit, skip: offset });
    return { count, results: users.map(view) };
  }

  async findOne(id: number): Promise<UserView> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound(id);
    return view(user);
  }

  /** Updates the user or throws USER_NOT_FOUND: one statement, no read-then-write race. */
  async updateOne(id: number, dto: UpdateUserDto): Promise<UserView> {
    const changes: Partial<User> = {};
    if (dto.email !== undefined) changes.email = dto.email.toLowerCase();
    if (dto.username !== undefined) changes.username = dto.username;
    if (dto.display_name !== undefined) changes.display_name = dto.display_name;
    if (dto.profile !== undefined) changes.profile = toProfile(dto.profile);
    if (Object.keys(changes).length === 0) return this.findOne(id);
    if (!this.users.manager.connection.driver.isReturningSqlSupported('update')) {
      // MariaDB has no UPDATE ... RETURNING: the row is read back after the update.
      await this.users.update({ id }, changes);
      return this.findOne(id);
    }
    const updated = await this.users
      .createQueryBuilder()
      .update()
      .set(changes)
      .where('id = :id', { id })
      .returning('*')
      .execute();
    const raw = updated.raw as unknown[];
    if (!Array.isArray(raw) || raw.length === 0) throw notFound(id);
    return view(this.fromRaw(raw));
  }

  async deleteOne(id: number): Promise<void> {
    const result = await this.users.delete({ id });
    if (!result.affected) throw notFound(id);
  }

  private fromRaw(raw: unknown): User {
    const row = (Array.isArray(raw) ? raw[0] : raw) as Record<string, unknown>;
    return this.users.create({
      ...(row as Partial<User>),
      created_at: row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at)),
    });
  }
}

function notFound(id: number): NotFoundError {
  return new NotFoundError('user', { code: USER_NOT_FOUND, details: { id } });
}

/**
 * Keeps only the keys the DTO knows, in a stable order. A key sent as null is left out
 * like a missing one: the DTO's @IsOptional lets null through.
 */
function toProfile(profile: CreateUserDto['profile']): UserProfile | null {
  if (!profile) return null;
  const result: UserProfile = {};
  if (profile.bio != null) result.bio = profile.bio;
  if (profile.website != null) result.website = profile.website;
  if (profile.links != null) result.links = profile.links.map((link) => ({ label: link.label, url: link.url }));
  return result;
}

function view(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    display_name: user.display_name ?? null,
    profile: user.profile ?? null,
    created_at: user.created_at.toISOString(),
  };
}
