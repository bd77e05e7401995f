// `npm run bench`: runs every workload of bench/workloads/ in a separate child process per
// implementation (native, permafrost, ses), one process at a time, and prints a table of medians
// with ratios. Flags: --filter <substring> (workload name), --quick (few iterations: CI smoke),
// --rounds <n> (repeat the whole set of processes, interleaved, and keep the median of each
// statistic: steadier numbers on a busy machine), --json (print the results as JSON). See README.md.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RESULT_MARKER, implNames, type ImplName, type Result, type Workload } from './workload.js';

interface Args {
  filter: string | undefined;
  quick: boolean;
  json: boolean;
  rounds: number;
}

const parseArgs = (argv: readonly string[]): Args => {
  const args: Args = { filter: undefined, quick: false, json: false, rounds: 1 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') args.quick = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--filter' && argv[i + 1] !== undefined) args.filter = argv[++i];
    else if (arg?.startsWith('--filter=')) args.filter = arg.slice('--filter='.length);
    else if (arg === '--rounds' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) args.rounds = Number(argv[++i]);
    else throw new Error(`bench: unknown argument ${arg} (expected --filter <substring>, --quick, --rounds <n>, --json)`);
  }
  return args;
};

const workloadDir = fileURLToPath(new URL('./workloads/', import.meta.url));
const childPath = fileURLToPath(new URL('./child.js', import.meta.url));

/** Every workload of every compiled file in bench/workloads/, in file then declaration order. */
const discover = async (): Promise<{ file: string; workload: Workload }[]> => {
  const found: { file: string; workload: Workload }[] = [];
  const files = readdirSync(workloadDir)
    .filter(f => f.endsWith('.js'))
    .sort();
  for (const f of files) {
    const file = `${workloadDir}${f}`;
    const module = (await import(pathToFileURL(file).href)) as { workloads?: readonly Workload[] };
    for (const workload of module.workloads ?? []) found.push({ file, workload });
  }
  return found;
};

type Row = Result | { workload: string; impl: ImplName; error: string };

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
};

/** One row from the rounds of one workload and implementation: the median of each statistic. */
const combine = (rounds: readonly Row[]): Row => {
  const error = rounds.find((r): r is Extract<Row, { error: string }> => 'error' in r);
  if (error !== undefined) return error;
  const results = rounds as readonly Result[];
  const first = results[0]!;
  const retained = results.flatMap(r => (r.retainedBytes === undefined ? [] : [r.retainedBytes]));
  return {
    ...first,
    samples: results.reduce((n, r) => n + r.samples, 0),
    medianMs: median(results.map(r => r.medianMs)),
    p90Ms: median(results.map(r => r.p90Ms)),
    minMs: Math.min(...results.map(r => r.minMs)),
    cpuMedianMs: median(results.map(r => r.cpuMedianMs)),
    ...(retained.length === 0 ? {} : { retainedBytes: median(retained) }),
  };
};

const runChild = (file: string, workload: Workload, impl: ImplName, quick: boolean): Row => {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', childPath, file, workload.name, impl, quick ? 'quick' : 'full'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const line = child.stdout.split('\n').find(l => l.startsWith(RESULT_MARKER));
  if (child.status !== 0 || line === undefined) {
    const detail = (child.stderr || child.stdout || `exit ${child.status}`).trim().split('\n')[0] ?? '';
    return { workload: workload.name, impl, error: detail };
  }
  return JSON.parse(line.slice(RESULT_MARKER.length)) as Result;
};

const ms = (x: number): string => `${x.toFixed(2)} ms`;
const ratio = (x: number, base: number | undefined): string =>
  base === undefined || !(base > 0) ? '-' : `${(x / base).toFixed(2)}x`;
const bytes = (n: number | undefined): string => {
  if (n === undefined) return '-';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
};

export const tableHeader = ['workload', 'impl', 'median', 'p90', 'vs native', 'vs ses', 'retained'] as const;

/** A Markdown table: one row per workload and implementation. */
const formatTable = (rows: readonly Row[]): string => {
  const lines: string[][] = [];
  for (const row of rows) {
    if ('error' in row) {
      lines.push([row.workload, row.impl, 'error', '-', '-', '-', '-']);
      continue;
    }
    const sameWorkload = rows.filter((r): r is Result => r.workload === row.workload && !('error' in r));
    const native = sameWorkload.find(r => r.impl === 'native')?.medianMs;
    const ses = sameWorkload.find(r => r.impl === 'ses')?.medianMs;
    lines.push([
      row.workload,
      row.impl,
      ms(row.medianMs),
      ms(row.p90Ms),
      ratio(row.medianMs, native),
      ratio(row.medianMs, ses),
      bytes(row.retainedBytes),
    ]);
  }
  const all = [[...tableHeader], ...lines];
  const widths = tableHeader.map((_, c) => Math.max(...all.map(l => l[c]!.length)));
  const format = (cells: readonly string[]): string => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [format(all[0]!), `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n');
};

const main = async (): Promise<void> => {
  const args = parseArgs(process.argv.slice(2));
  const selected = (await discover()).filter(({ workload }) => args.filter === undefined || workload.name.includes(args.filter));
  if (selected.length === 0) throw new Error(`bench: no workload matches ${JSON.stringify(args.filter)}`);
  // Rounds outermost, so that a slow spell of the machine hits every column alike.
  const runs = new Map<string, Row[]>();
  for (let round = 1; round <= args.rounds; round += 1) {
    for (const { file, workload } of selected) {
      for (const impl of workload.impls ?? implNames) {
        if (!args.json) process.stderr.write(`bench: round ${round}/${args.rounds}: ${workload.name} / ${impl}…\n`);
        const key = `${workload.name}\u0000${impl}`;
        runs.set(key, [...(runs.get(key) ?? []), runChild(file, workload, impl, args.quick)]);
      }
    }
  }
  const rows = [...runs.values()].map(combine);
  if (args.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const rounds = args.rounds === 1 ? '' : `, median of ${args.rounds} rounds`;
  process.stdout.write(`node ${process.version}, ${args.quick ? 'quick' : 'full'} run${rounds}\n\n${formatTable(rows)}\n`);
  const notes = rows.filter((r): r is Result => 'note' in r && r.note !== undefined);
  const errors = rows.filter((r): r is Extract<Row, { error: string }> => 'error' in r);
  if (notes.length > 0 || errors.length > 0) process.stdout.write('\n');
  for (const r of notes) process.stdout.write(`note: ${r.workload} / ${r.impl}: ${r.note}\n`);
  for (const r of errors) process.stdout.write(`error: ${r.workload} / ${r.impl}: ${r.error}\n`);
  if (errors.length > 0) process.exitCode = 1;
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
