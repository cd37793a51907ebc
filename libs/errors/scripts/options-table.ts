/**
 * The README's options tables, rendered from the option interfaces and their JSDoc, so
 * the page npm shows cannot drift from the code: `npm run docs:options` rewrites the
 * tables between the README's `<!-- options:NAME:start -->` and `<!-- options:NAME:end -->`
 * markers, and test/readme.spec.ts fails when a committed table differs from a fresh one.
 * The interfaces are found through the entry points' exports, wherever they live.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';

/** A documented interface: its marker name and the entry point that exports it. */
export interface OptionsTable {
  marker: string;
  entry: string;
  interfaceName: string;
}

export const OPTIONS_TABLES: readonly OptionsTable[] = [
  { marker: 'errors-module', entry: 'src/index.ts', interfaceName: 'ErrorsModuleOptions' },
  { marker: 'database', entry: 'src/database/index.ts', interfaceName: 'DatabaseErrorOptions' },
];

export interface OptionRow {
  name: string;
  type: string;
  doc: string;
}

function exportedInterface(program: ts.Program, packageRoot: string, table: OptionsTable): ts.InterfaceDeclaration {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(packageRoot, table.entry));
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const exported = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === table.interfaceName);
  const target = exported && (exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported);
  const declaration = target?.declarations?.find(ts.isInterfaceDeclaration);
  if (!declaration) throw new Error(`${table.entry} exports no interface ${table.interfaceName}.`);
  return declaration;
}

/** JSDoc text as one line: paragraphs joined, table pipes escaped. */
function docText(node: ts.Node): string {
  const text = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join(' ');
  return text.replace(/\s+/gu, ' ').trim().replaceAll('|', '\\|');
}

export function optionRows(program: ts.Program, packageRoot: string, table: OptionsTable): OptionRow[] {
  const declaration = exportedInterface(program, packageRoot, table);
  return declaration.members.filter(ts.isPropertySignature).map((member) => {
    const type = member.type?.getText().replace(/\s+/gu, ' ') ?? 'unknown';
    const doc = docText(member);
    if (!doc) throw new Error(`${table.interfaceName}.${member.name.getText()} has no JSDoc: document it.`);
    return { name: member.name.getText(), type: type.replaceAll('|', '\\|'), doc };
  });
}

export function renderTable(rows: readonly OptionRow[]): string {
  const lines = ['| option | type | what it does |', '| --- | --- | --- |'];
  for (const row of rows) lines.push(`| \`${row.name}\` | \`${row.type}\` | ${row.doc} |`);
  return lines.join('\n');
}

export function createProgram(packageRoot: string): ts.Program {
  return ts.createProgram(
    OPTIONS_TABLES.map((table) => join(packageRoot, table.entry)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2023,
      experimentalDecorators: true,
      skipLibCheck: true,
      noEmit: true,
    },
  );
}

/** Every table, rendered fresh: marker -> markdown (before formatting). */
export function renderOptionsTables(packageRoot: string): Map<string, string> {
  const program = createProgram(packageRoot);
  return new Map(OPTIONS_TABLES.map((table) => [table.marker, renderTable(optionRows(program, packageRoot, table))]));
}

function markers(name: string): [string, string] {
  return [`<!-- options:${name}:start -->`, `<!-- options:${name}:end -->`];
}

/** The README with each table between its markers replaced (unformatted). */
export function withTables(readme: string, tables: Map<string, string>): string {
  let result = readme;
  for (const [name, table] of tables) {
    const [start, end] = markers(name);
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from < 0 || to < from) throw new Error(`The README has no ${start} ... ${end} section.`);
    result = `${result.slice(0, from + start.length)}\n\n${table}\n\n${result.slice(to)}`;
  }
  return result;
}

/**
 * The README as the generator writes it: tables replaced, then formatted as `npm run lint`
 * wants. Prettier runs as a child process: its API loads plugins with `import()`, which
 * Jest's CommonJS runtime cannot do.
 */
export function renderReadme(packageRoot: string): string {
  const readmePath = join(packageRoot, 'README.md');
  const readme = withTables(readFileSync(readmePath, 'utf8'), renderOptionsTables(packageRoot));
  const prettier = createRequire(join(packageRoot, 'package.json')).resolve('prettier/bin/prettier.cjs');
  return execFileSync(process.execPath, [prettier, '--stdin-filepath', readmePath], {
    input: readme,
    encoding: 'utf8',
  });
}
