import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPOSITORY_ROOT } from './processes';

/**
 * BENCHMARKS.md holds the output of two commands, `npm run bench` (throughput over
 * sockets) and `npm run bench:cost` (CPU per injected request). Each owns one section
 * between HTML comment markers and replaces only that one, so running either keeps the
 * other's last output.
 */
const FILE = resolve(REPOSITORY_ROOT, 'BENCHMARKS.md');
const TITLE = '# Benchmarks\n';

/** `cost-analysis` is written by hand (what the numbers mean, the misses): both commands keep it. */
export type BenchmarkSection = 'throughput' | 'cost' | 'cost-lean' | 'cost-analysis';
const ORDER: readonly BenchmarkSection[] = ['cost', 'cost-lean', 'cost-analysis', 'throughput'];

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

/** Replaces one section, keeping the others (sections are written in a fixed order). */
export function writeSection(name: BenchmarkSection, body: string): void {
  const sections = new Map<BenchmarkSection, string>();
  for (const section of ORDER) {
    const existing = section === name ? body : readSection(section);
    if (existing !== undefined) sections.set(section, existing);
  }
  const parts = [TITLE];
  for (const [section, text] of sections) parts.push(`${start(section)}\n\n${text.trim()}\n\n${end(section)}\n`);
  writeFileSync(FILE, parts.join('\n'));
}
