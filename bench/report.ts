import type { MicroResult } from './micro';
import type { LoadResult } from './load';

/** Everything the run measured, as the table renders it. */
export interface ScenarioRow {
  scenario: string;
  adapter: string;
  database?: string;
  ours: LoadResult[];
  stock: LoadResult[];
  /** ours/stock throughput per round (rounds interleaved, so each pair ran back to back). */
  ratios: number[];
  /** Minimum median ratio asked by the issue. */
  target: number;
  statuses: { ours: string; stock: string };
}

export interface MemoryRow {
  adapter: string;
  start: number;
  after10k: number;
  after100k: number;
  counts: [number, number];
}

export interface ConcurrencyRow {
  adapter: string;
  database: string;
  attempt: number;
  created: number;
  conflicts: number;
  serverErrors: number;
  other: string;
  rows: number;
  contractOk: boolean;
  exact: boolean;
}

export interface Report {
  smoke: boolean;
  /** The medians of the previous run (from BENCHMARKS.md), to show how far this run moved. */
  previous?: Record<string, number>;
  header: string[];
  rows: ScenarioRow[];
  ceiling: LoadResult[];
  memory: MemoryRow[];
  micro?: MicroResult;
  concurrency: ConcurrencyRow[];
  notes: string[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const rps = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
const ratio = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : 'n/a');
const cpu = (results: readonly LoadResult[]): string => {
  const value = median(results.map((result) => result.cpuPerRequest ?? Number.NaN));
  return Number.isFinite(value) ? Math.round(value).toString() : 'n/a';
};
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

function table(head: string[], body: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
  ];
}

/** Throughput-equivalent ratio from server CPU per request: stock CPU/req over ours (per round, median). */
export function cpuRatio(row: ScenarioRow): number {
  return median(
    row.ours.map((ours, index) => (row.stock[index].cpuPerRequest ?? Number.NaN) / (ours.cpuPerRequest ?? Number.NaN)),
  );
}

/** Whether a scenario meets its target: the median ratio at or above it. */
export function rowMeetsTarget(row: ScenarioRow): boolean {
  return median(row.ratios) >= row.target;
}

/** The key of a row in the medians kept between runs. */
export function rowKey(row: ScenarioRow): string {
  return `${row.adapter}/${row.scenario}${row.database ? `/${row.database}` : ''}`;
}

function moveFrom(previous: number | undefined, current: number): string {
  if (previous === undefined || !Number.isFinite(current)) return '-';
  const change = (current / previous - 1) * 100;
  return `${ratio(previous)} (${change >= 0 ? '+' : ''}${change.toFixed(1)}%)`;
}

/** The medians of a report, kept in BENCHMARKS.md as a comment for the next run to compare with. */
export function mediansComment(report: Report): string {
  return `<!-- medians ${JSON.stringify(Object.fromEntries(report.rows.map((row) => [rowKey(row), Number(median(row.ratios).toFixed(4))])))} -->`;
}

export function previousMedians(section: string | undefined): Record<string, number> {
  const match = section?.match(/<!-- medians (\{.*\}) -->/u);
  if (!match) return {};
  try {
    return JSON.parse(match[1]) as Record<string, number>;
  } catch {
    return {};
  }
}

export function heapGrowth(row: MemoryRow): number {
  return (row.after100k - row.after10k) / row.after10k;
}

export function render(report: Report): string {
  const ceiling = median(report.ceiling.map((result) => result.rps));
  const lines: string[] = [...report.header, ''];

  lines.push('### HTTP scenarios: ours vs. stock NestJS (throughput, requests/s)', '');
  lines.push(
    ...table(
      [
        'scenario',
        'adapter',
        'ours req/s',
        'stock req/s',
        'ours/stock min / median / max',
        'p99 ms ours / stock',
        'server CPU us/req ours / stock (ratio)',
        'ours % of ceiling',
        'status ours / stock',
        'previous run (move)',
        'target',
      ],
      report.rows.map((row) => {
        const ours = median(row.ours.map((result) => result.rps));
        const stock = median(row.stock.map((result) => result.rps));
        const ratios = row.ratios;
        return [
          row.database ? `${row.scenario} (${row.database})` : row.scenario,
          row.adapter,
          rps(ours),
          rps(stock),
          `${ratio(Math.min(...ratios))} / **${ratio(median(ratios))}** / ${ratio(Math.max(...ratios))}`,
          `${ms(median(row.ours.map((result) => result.p99)))} / ${ms(median(row.stock.map((result) => result.p99)))}`,
          `${cpu(row.ours)} / ${cpu(row.stock)} (${ratio(cpuRatio(row))})`,
          `${Math.round((ours / ceiling) * 100)}%`,
          `${row.statuses.ours} / ${row.statuses.stock}`,
          moveFrom(report.previous?.[rowKey(row)], median(ratios)),
          `>= ${row.target.toFixed(2)}x ${rowMeetsTarget(row) ? 'met' : '**missed**'}`,
        ];
      }),
    ),
  );
  lines.push(
    '',
    `Ceiling (plain Fastify 5, no Nest, same 400 body, measured in the same rounds): **${rps(ceiling)} req/s** median ` +
      `(min ${rps(Math.min(...report.ceiling.map((result) => result.rps)))}, max ${rps(Math.max(...report.ceiling.map((result) => result.rps)))}, ` +
      `p99 ${ms(median(report.ceiling.map((result) => result.p99)))} ms).`,
    '',
  );

  if (report.micro) {
    const micro = report.micro;
    lines.push('### Micro-benchmarks', '');
    lines.push(
      ...table(
        ['measure', 'median', 'min / max'],
        [
          [
            `translations/s of a real unique violation (${micro.database}, users_email_key mapped by TypeORM metadata)`,
            `${rps(median(micro.translationsPerSecond))}/s`,
            `${rps(Math.min(...micro.translationsPerSecond))} / ${rps(Math.max(...micro.translationsPerSecond))}`,
          ],
          [
            `flatten 1,000 nested violations (groups.G.items.I.qty), default cap -> ${micro.flattenedObjects.defaultCap} objects`,
            `${ms(median(micro.flattenDefaultCapMs) * 1000)} us`,
            `${ms(Math.min(...micro.flattenDefaultCapMs) * 1000)} / ${ms(Math.max(...micro.flattenDefaultCapMs) * 1000)} us`,
          ],
          [
            `flatten 1,000 nested violations, maxErrors 1000 -> ${micro.flattenedObjects.all} objects`,
            `${ms(median(micro.flattenAllMs) * 1000)} us`,
            `${ms(Math.min(...micro.flattenAllMs) * 1000)} / ${ms(Math.max(...micro.flattenAllMs) * 1000)} us`,
          ],
        ],
      ),
      '',
      `The translated error: \`${micro.translatedTo}\``,
      '',
    );
  }

  if (report.memory.length > 0) {
    lines.push('### Memory: heap of the ours server after error responses (400/404/500 in turn; GC forced)', '');
    lines.push(
      ...table(
        [
          'adapter',
          'heap at start',
          `after ${report.memory[0].counts[0].toLocaleString('en-US')}`,
          `after ${report.memory[0].counts[1].toLocaleString('en-US')}`,
          'growth',
          'target (<= 10%)',
        ],
        report.memory.map((row) => [
          row.adapter,
          `${mb(row.start)} MB`,
          `${mb(row.after10k)} MB`,
          `${mb(row.after100k)} MB`,
          `${(heapGrowth(row) * 100).toFixed(1)}%`,
          Math.abs(heapGrowth(row)) <= 0.1 ? 'met' : '**missed**',
        ]),
      ),
      '',
    );
  }

  if (report.concurrency.length > 0) {
    lines.push(
      '### Concurrency: 200 simultaneous `POST /api/v0/users` with the same username, against the sample app (src/app.module.ts)',
      '',
    );
    lines.push(
      ...table(
        ['database', 'adapter', 'run', '201', '409 (contract)', '5xx', 'other', 'rows', 'exact'],
        report.concurrency.map((row) => [
          row.database,
          row.adapter,
          String(row.attempt),
          String(row.created),
          `${row.conflicts}${row.contractOk ? '' : ' (NOT in contract)'}`,
          String(row.serverErrors),
          row.other || '-',
          String(row.rows),
          row.exact ? 'yes' : '**NO**',
        ]),
      ),
      '',
    );
  }

  if (report.notes.length > 0) lines.push('### Notes', '', ...report.notes.map((note) => `- ${note}`), '');
  return lines.join('\n');
}
