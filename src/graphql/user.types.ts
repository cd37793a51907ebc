import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { CreateUserDto, LinkDto, ProfileDto, UpdateUserDto } from '../users/users.dto';
import { graphqlFields } from './graphql-fields';

// The GraphQL inputs are the REST DTOs with GraphQL types on their fields: the same
// class-validator rules run on both (the subclasses inherit them), so a rule is written
// once. GraphQL itself checks presence and scalar types before the pipe runs.

@InputType('LinkInput')
export class LinkInput extends LinkDto {}
graphqlFields(LinkInput, { label: [() => String], url: [() => String] });

@InputType('ProfileInput')
export class ProfileInput extends ProfileDto {}
graphqlFields(ProfileInput, {
  bio: [() => String, { nullable: true }],
  website: [() => String, { nullable: true }],
  links: [() => [LinkInput], { nullable: true }],
});

@InputType('CreateUserInput')
export class CreateUserInput extends CreateUserDto {}
graphqlFields(CreateUserInput, {
  email: [() => String],
  username: [() => String],
  display_name: [() => String, { nullable: true }],
  profile: [() => ProfileInput, { nullable: true }],
});

@InputType('UpdateUserInput')
export class UpdateUserInput extends UpdateUserDto {}
graphqlFields(UpdateUserInput, {
  email: [() => String, { nullable: true }],
  username: [() => String, { nullable: true }],
  display_name: [() => String, { nullable: true }],
  profile: [() => ProfileInput, { nullable: true }],
});

@ObjectType('Link')
export class LinkType {
  @Field()
  label!: string;

  @Field()
  url!: string;
}

@ObjectType('Profile')
export class ProfileType {
  @Field(() => String, { nullable: true })
  bio?: string;

  @Field(() => String, { nullable: true })
  website?: string;

  @Field(() => [LinkType], { nullable: true })
  links?: LinkType[];
}

@ObjectType('User')
export class UserType {
  @Field(() => Int)
  id!: number;

  @Field()
  email!: string;

  @Field()
  username!: string;

  @Field(() => String, { nullable: true })
  display_name!: string | null;

  @Field(() => ProfileType, { nullable: true })
  profile!: ProfileType | null;

  @Field()
  created_at!: string;
}
