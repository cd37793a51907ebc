import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPOSITORY_ROOT } from './processes';

/**
 * BENCHMARKS.md holds the output of several commands (`npm run bench`: throughput over
 * sockets; `npm run bench:cost`: CPU per injected request; `bench:scale`, `bench:memory`).
 * Each owns one section between HTML comment markers and replaces only that one, in
 * place: the other sections and the text written by hand between or after them stay.
 */
const FILE = resolve(REPOSITORY_ROOT, 'BENCHMARKS.md');
const TITLE = '# Benchmarks\n';

/** `cost-analysis` is written by hand (what the numbers mean, the misses): every command keeps it. */
export type BenchmarkSection = 'throughput' | 'cost' | 'cost-lean' | 'cost-analysis' | 'scale' | 'memory';
/** Where a section that is not in the file yet goes: after the last one before it in this order. */
const ORDER: readonly BenchmarkSection[] = ['cost', 'cost-lean', 'cost-analysis', 'scale', 'memory', 'throughput'];

const start = (name: BenchmarkSection) => `<!-- ${name}:start -->`;
const end = (name: BenchmarkSection) => `<!-- ${name}:end -->`;

/** The text of one section of the file as it is now, or undefined. */
export function readSection(name: BenchmarkSection): string | undefined {
  if (!existsSync(FILE)) return undefined;
  const text = readFileSync(FILE, 'utf8');
  const from = text.indexOf(start(name));
  const to = text.indexOf(end(name));
  if (from === -1 || to === -1 || to < from) return undefined;
  return text.slice(from + start(name).length, to).trim();
}

/** Replaces one section where it stands, or adds it after the sections that come before it. */
export function writeSection(name: BenchmarkSection, body: string): void {
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : TITLE;
  const block = `${start(name)}\n\n${body.trim()}\n\n${end(name)}`;
  const from = text.indexOf(start(name));
  const to = text.indexOf(end(name));
  if (from !== -1 && to > from) {
    writeFileSync(FILE, text.slice(0, from) + block + text.slice(to + end(name).length));
    return;
  }
  let at = -1;
  for (const earlier of ORDER.slice(0, ORDER.indexOf(name))) {
    const position = text.indexOf(end(earlier));
    if (position !== -1) at = Math.max(at, position + end(earlier).length);
  }
  if (at === -1) {
    // Before every section (none precedes it), or at the end of a file without any.
    const later = ORDER.slice(ORDER.indexOf(name) + 1)
      .map((section) => text.indexOf(start(section)))
      .filter((position) => position !== -1);
    const before = later.length > 0 ? Math.min(...later) : -1;
    const next =
      before === -1 ? `${text.trimEnd()}\n\n${block}\n` : `${text.slice(0, before)}${block}\n\n${text.slice(before)}`;
    writeFileSync(FILE, next);
    return;
  }
  writeFileSync(FILE, `${text.slice(0, at)}\n\n${block}${text.slice(at)}`);
}
