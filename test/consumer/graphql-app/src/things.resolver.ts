import { Args, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsEmail, Length } from 'class-validator';
import { ErrorResponses, NotFoundError, defineErrorCode } from 'nest-error-contract';

export const THING_NOT_FOUND = defineErrorCode('6001', 'THING_NOT_FOUND', 404, 'No thing has the id {id}.', {
  details: '{ id: number }',
});

@InputType()
export class CreateThingInput {
  @Field()
  @IsEmail()
  email!: string;

  @Field()
  @Length(2, 40)
  name!: string;
}

@ObjectType()
export class Thing {
  @Field(() => Int)
  id!: number;

  @Field()
  name!: string;
}

@Resolver(() => Thing)
export class ThingsResolver {
  @Query(() => Thing, { nullable: true })
  @ErrorResponses(THING_NOT_FOUND)
  thing(@Args('id', { type: () => Int }) id: number): Thing {
    throw new NotFoundError('thing', { code: THING_NOT_FOUND, details: { id } });
  }

  @Query(() => Thing, { nullable: true })
  crash(): Thing {
    const settings = undefined as unknown as { apiSecret: string };
    return { id: 1, name: settings.apiSecret };
  }

  @Mutation(() => Thing, { nullable: true })
  createThing(@Args('input') input: CreateThingInput): Thing {
    return { id: 1, name: input.name };
  }
}
