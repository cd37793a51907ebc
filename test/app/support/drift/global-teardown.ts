import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ANSWERS_DIR_VARIABLE } from './answers';
import { Answer, DocumentedOperation, Triple, compare } from './drift';

/**
 * The drift check, after every test file ran: each error the sample app answered
 * (method, route, status, error_code) must be listed by its OpenAPI document for that
 * route and status; the run fails otherwise. Documented codes that no test produced are
 * printed, with the counts.
 */
const MAX_LISTED = 60;

export default function checkDocumentedErrors(): void {
  const dir = process.env[ANSWERS_DIR_VARIABLE];
  if (!dir) return;
  try {
    const files = readdirSync(dir);
    const documentedFile = files.find((name) => name.startsWith('documented-'));
    if (!documentedFile) return; // no test of this run started the sample app
    const operations = JSON.parse(readFileSync(join(dir, documentedFile), 'utf8')) as DocumentedOperation[];
    const answers = files
      .filter((name) => name.startsWith('answers-'))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Answer);
    const report = compare(operations, answers);
    const count = (triples: Iterable<Triple>) => {
      const list = [...triples];
      return `${list.length} documented, ${list.filter((triple) => report.answered.has(triple)).length} produced`;
    };
    const own = [...report.documented].filter((triple) => !report.shared.has(triple));
    const unproduced = report.unproduced.filter((triple) => !report.shared.has(triple));
    const lines = [
      '',
      `Error documentation drift check (${answers.length} error answers recorded): (route, status, code) triples ` +
        `of the routes' own responses: ${count(own)}; of the shared 500/503 responses: ${count(report.shared)}.`,
    ];
    if (unproduced.length > 0) {
      // A run of a few files leaves most unproduced: the start of the list is enough there.
      const shown = unproduced.slice(0, MAX_LISTED);
      lines.push(`Documented for a route but produced by no test (${unproduced.length}):`, ...indent(shown));
      if (unproduced.length > shown.length) lines.push(`  ... and ${unproduced.length - shown.length} more`);
    }
    const sharedUnproduced = report.unproduced.filter((triple) => report.shared.has(triple));
    if (sharedUnproduced.length > 0) {
      // One line per status and code: the shared responses are the same on every operation.
      const byResponse = new Map<string, number>();
      for (const triple of sharedUnproduced) {
        const key = triple.split(' ').slice(-2).join(' ');
        byResponse.set(key, (byResponse.get(key) ?? 0) + 1);
      }
      lines.push(
        'Shared responses produced by no test:',
        ...indent([...byResponse].map(([key, count]) => `${key} on ${count} operations`)),
      );
    }
    if (report.unrouted.size > 0) {
      const unrouted = [...report.unrouted].map(([key, count]) => `${key} (${count}x)`).sort();
      lines.push('Answered outside every documented route (status code):', ...indent(unrouted));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    if (report.undocumented.length > 0) {
      throw new Error(
        `The sample app answered ${report.undocumented.length} (route, status, code) triples its OpenAPI document does not list:\n` +
          indent(report.undocumented).join('\n'),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function indent(lines: readonly string[]): string[] {
  return lines.map((line) => `  ${line}`);
}
