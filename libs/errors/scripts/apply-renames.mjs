#!/usr/bin/env node
/**
 * Applies a rename list (`renames-0.3.json`, `{ "OldName": "NewName" }`) to a source tree:
 *
 *     node libs/errors/scripts/apply-renames.mjs [--renames file.json] <file or folder>...
 *
 * In code files (.ts, .mts, .cts, .js, .mjs, .cjs) a name is renamed only where the file
 * imports it from `nest-error-contract` (or one of its subpaths), and then everywhere in
 * that file: `ParseIntPipe` imported from `@nestjs/common` stays as it is. A removed
 * factory becomes its class (`createValidationPipe(` -> `new ContractValidationPipe(`).
 * In Markdown every whole-word occurrence is renamed. Names that were removed without a
 * replacement are reported with the file, for a person to rewrite. Prints what changed.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Removed from the public API with no one-word replacement: reported, not rewritten. */
const REMOVED = {
  translateDatabaseError: 'await createDatabaseTranslator() (nest-error-contract/typeorm), then call the translator',
  captureStackTraces: 'set NEST_ERROR_CONTRACT_STACK_TRACES=1 in the environment',
  toErrorWithStatus: 'internal: throw the DomainError and let the filter answer',
  apiError: 'read .message, .code, .field, .details of the DomainError',
  ValidationPipeAnswers: 'internal',
  lastResortAnswer: 'internal',
  appTranslates: 'internal',
};

const CODE = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage']);

const args = process.argv.slice(2);
let renamesFile = fileURLToPath(new URL('./renames-0.3.json', import.meta.url));
const flag = args.indexOf('--renames');
if (flag !== -1) [, renamesFile] = args.splice(flag, 2);
if (args.length === 0) {
  console.error('usage: apply-renames.mjs [--renames file.json] <file or folder>...');
  process.exit(2);
}
const renames = JSON.parse(readFileSync(renamesFile, 'utf8'));

for (const path of args.flatMap(walk)) {
  const before = readFileSync(path, 'utf8');
  const after = extname(path) === '.md' ? renameEverywhere(before) : renameImported(before);
  if (after !== before) {
    writeFileSync(path, after);
    console.log(`renamed: ${path}`);
  }
  for (const [name, instead] of Object.entries(REMOVED)) {
    if (new RegExp(`\\b${name}\\b`, 'u').test(after)) console.log(`removed name ${name} in ${path}: ${instead}`);
  }
}

function walk(path) {
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .filter((entry) => !SKIP.has(entry))
      .flatMap((entry) => walk(join(path, entry)));
  }
  return CODE.has(extname(path)) || extname(path) === '.md' ? [path] : [];
}

function renameEverywhere(text) {
  let result = text;
  for (const [from, to] of Object.entries(renames)) result = renameName(result, from, to);
  return result;
}

function renameName(text, from, to) {
  // A factory function that became its class: the call becomes a construction.
  const called = /^[a-z]/u.test(from) && /^[A-Z]/u.test(to) ? text.replaceAll(`${from}(`, `new ${to}(`) : text;
  return renameWord(called, from, to);
}

function renameImported(text) {
  const imported = new Set();
  const importFromPackage = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]nest-error-contract(?:\/[\w-]+)?['"]/gu;
  for (const match of text.matchAll(importFromPackage)) {
    for (const specifier of match[1].split(',')) {
      const name = specifier
        .trim()
        .replace(/^type\s+/u, '')
        .split(/\s+as\s+/u)[0];
      if (Object.hasOwn(renames, name)) imported.add(name);
    }
  }
  if (imported.size === 0) return text;
  // Imports from other modules keep their names (`ParseIntPipe as NestParseIntPipe` from @nestjs/common).
  const kept = [];
  let result = text.replace(/^import\s[^;]*?from\s*['"]([^'"]+)['"];?/gmu, (statement, source) => {
    if (source === 'nest-error-contract' || source.startsWith('nest-error-contract/')) return statement;
    kept.push(statement);
    return `\u0000${kept.length - 1}\u0000`;
  });
  for (const name of imported) {
    result = renameName(result, name, renames[name]);
  }
  result = result.replace(/\u0000(\d+)\u0000/gu, (_, index) => kept[Number(index)]);
  // Importing the class twice (it was imported beside its factory) would not compile.
  return result.replace(/\{([^}]*)\}(\s*from\s*['"]nest-error-contract)/gu, (_, names, tail) => {
    const unique = [...new Set(names.split(',').map((name) => name.trim()))].filter((name) => name !== '');
    return `{ ${unique.join(', ')} }${tail}`;
  });
}

function renameWord(text, from, to) {
  return text.replace(new RegExp(`(?<![\\w$.])${from}\\b`, 'gu'), to);
}
