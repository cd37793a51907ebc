import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPTIONS_TABLES, createProgram, optionRows, renderReadme } from '../scripts/options-table.js';

const packageRoot = join(__dirname, '..');

describe("the README's options tables", () => {
  it('match the option interfaces and their JSDoc (run `npm run docs:options -w nest-error-contract`)', () => {
    const committed = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    expect(committed).toBe(renderReadme(packageRoot));
  });

  it('list every option of every documented interface, each with its JSDoc', () => {
    const program = createProgram(packageRoot);
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    for (const table of OPTIONS_TABLES) {
      const rows = optionRows(program, packageRoot, table);
      expect(rows.length).toBeGreaterThan(3);
      const section = readme
        .split(`<!-- options:${table.marker}:start -->`)[1]
        .split(`<!-- options:${table.marker}:end -->`)[0];
      for (const row of rows) expect(section).toContain(`| \`${row.name}\``);
    }
  });

  it('has no code sample that declares a name twice (each block pastes as one file)', () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/gu)].map((match) => match[1]);
    expect(blocks.length).toBeGreaterThan(5);
    const twice = blocks.flatMap((block) => {
      const names = [...block.matchAll(/^\s*(?:export )?(?:const|let|class|function) ([A-Za-z_$][\w$]*)/gmu)].map(
        (m) => m[1],
      );
      return names.filter((name, index) => names.indexOf(name) !== index);
    });
    expect(twice).toEqual([]);
  });
});
