// Compares two directories written by record-answers.ts: per test file, the sorted
// multiset of recorded answers. Prints each answer found in one run and not the other.
// Usage: node test/support/answer-recorder/compare.mjs <before-dir> <after-dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [before, after] = process.argv.slice(2);
const files = new Set([...readdirSync(before), ...readdirSync(after)]);
let differences = 0;
let answers = 0;
for (const file of [...files].sort()) {
  const left = lines(join(before, file));
  const right = lines(join(after, file));
  answers += left.length;
  const onlyLeft = without(left, right);
  const onlyRight = without(right, left);
  if (onlyLeft.length === 0 && onlyRight.length === 0) continue;
  console.log(`## ${file}: ${onlyLeft.length} only before, ${onlyRight.length} only after`);
  for (const line of onlyLeft) console.log(`- ${line}`);
  for (const line of onlyRight) console.log(`+ ${line}`);
  differences += onlyLeft.length + onlyRight.length;
}
console.log(`${answers} answers before, ${differences} differing lines`);

function lines(path) {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

function without(from, other) {
  const counts = new Map();
  for (const line of other) counts.set(line, (counts.get(line) ?? 0) + 1);
  const rest = [];
  for (const line of from) {
    const count = counts.get(line) ?? 0;
    if (count > 0) counts.set(line, count - 1);
    else rest.push(line);
  }
  return rest;
}
