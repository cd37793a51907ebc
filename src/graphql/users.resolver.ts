import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DatabaseCodes, ErrorResponseEntry, ErrorResponses } from 'nest-error-contract';
import { USER_NOT_FOUND } from '../errors/app-error-codes';
import { UsersService } from '../users/users.service';
import { CreateUserInput, UpdateUserInput, UserType } from './user.types';

/** What writing a user can hit in the database, as on the REST routes (users.controller.ts). */
const USER_WRITE_ERRORS: ErrorResponseEntry[] = [
  { constraint: 'users_email_key' },
  { constraint: 'username_unique_lowercase' },
  { constraint: 'username_length' },
  { constraint: 'username_valid_characters' },
  DatabaseCodes.INVALID_CHARACTERS,
];

/**
 * The users of the REST routes, over GraphQL: the same service, the same errors. Root
 * fields are nullable, as GraphQL recommends: a failing field answers null and its
 * errors, and the other fields of the operation keep their data.
 */
@Resolver(() => UserType)
export class UsersResolver {
  constructor(private readonly users: UsersService) {}

  @Query(() => UserType, { nullable: true })
  @ErrorResponses(USER_NOT_FOUND)
  user(@Args('id', { type: () => Int }) id: number) {
    return this.users.findOne(id);
  }

  @Mutation(() => UserType, { nullable: true })
  @ErrorResponses(...USER_WRITE_ERRORS)
  createUser(@Args('input') input: CreateUserInput) {
    return this.users.create(input);
  }

  @Mutation(() => UserType, { nullable: true })
  @ErrorResponses(USER_NOT_FOUND, ...USER_WRITE_ERRORS)
  updateUser(@Args('id', { type: () => Int }) id: number, @Args('input') input: UpdateUserInput) {
    return this.users.updateOne(id, input);
  }
}
