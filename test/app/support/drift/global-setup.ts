import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANSWERS_DIR_VARIABLE } from './answers';

/**
 * A directory of this run for the sample app's recorded answers (answers.ts). Set in the
 * environment, which the worker processes Jest starts next inherit. A directory per run,
 * because other runs may share this machine's temp directory.
 */
export default function setUpAnswerRecording(): void {
  process.env[ANSWERS_DIR_VARIABLE] = mkdtempSync(join(tmpdir(), 'error-answers-'));
}
