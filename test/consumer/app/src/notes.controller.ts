import { Body, Controller, Post } from '@nestjs/common';
import { z } from 'zod';

const noteSchema = z.strictObject({
  title: z.string().min(3),
  links: z.array(z.object({ url: z.url() })),
});

/** NestJS 12's own schema-first validation: `@Body({ schema })`, checked by the library's global pipe. */
@Controller('notes')
export class NotesController {
  @Post()
  create(@Body({ schema: noteSchema }) note: z.infer<typeof noteSchema>): z.infer<typeof noteSchema> {
    return note;
  }
}
