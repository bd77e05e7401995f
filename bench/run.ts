// `npm run bench`: runs every workload of bench/workloads/ in separate child processes, one per
// implementation (native, permafrost, ses), one process at a time, interleaved (A B C, then B C A,
// ... for each round and fresh process in turn), and prints a table of medians with ratios.
// The check values the columns computed must agree, or the run fails. Flags: --filter <substring>
// (workload name), --quick (small iterations: day-to-day and CI), --rounds <n> (that many processes
// per column and workload, samples pooled), --json (print the results as JSON on stdout), --out <file>
// (where the results with raw samples go; default build/bench/results.json). See README.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable, type Row } from './table.js';
import { formatTargets } from './targets.js';
import { RESULT_MARKER, implNames, percentile, type ImplName, type Result, type Workload } from './workload.js';

interface Args {
  filter: string | undefined;
  quick: boolean;
  json: boolean;
  rounds: number;
  out: string;
}

const parseArgs = (argv: readonly string[]): Args => {
  const args: Args = {
    filter: undefined,
    quick: false,
    json: false,
    rounds: 1,
    out: fileURLToPath(new URL('./results.json', import.meta.url)),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') args.quick = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--filter' && argv[i + 1] !== undefined) args.filter = argv[++i];
    else if (arg?.startsWith('--filter=')) args.filter = arg.slice('--filter='.length);
    else if (arg === '--rounds' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) args.rounds = Number(argv[++i]);
    else if (arg === '--out' && argv[i + 1] !== undefined) args.out = resolve(argv[++i]!);
    else throw new Error(`bench: unknown argument ${arg} (expected --filter <substring>, --quick, --rounds <n>, --json, --out <file>)`);
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

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
const median = (xs: readonly number[]): number => percentile(sorted(xs), 50);

/** One row from all the processes of one workload and implementation: statistics of the pooled samples. */
const combine = (runs: readonly Row[]): Row => {
  const error = runs.find((r): r is Extract<Row, { error: string }> => 'error' in r);
  if (error !== undefined) return error;
  const results = runs as readonly Result[];
  const first = results[0]!;
  const checks = new Set(results.map(r => r.check));
  if (checks.size > 1) return { workload: first.workload, impl: first.impl, error: `check value differs between processes: ${[...checks].join(', ')}` };
  const wall = results.flatMap(r => r.wallSamplesMs);
  const cpu = results.flatMap(r => r.cpuSamplesMs);
  const retained = results.flatMap(r => (r.retainedBytes === undefined ? [] : [r.retainedBytes]));
  const rss = results.flatMap(r => (r.peakRssBytes === undefined ? [] : [r.peakRssBytes]));
  const { retainedBytes: _r, peakRssBytes: _p, ...rest } = first;
  return {
    ...rest,
    samples: wall.length,
    medianMs: median(wall),
    p90Ms: percentile(sorted(wall), 90),
    minMs: Math.min(...wall),
    cpuMedianMs: median(cpu),
    wallSamplesMs: wall,
    cpuSamplesMs: cpu,
    ...(retained.length === 0 ? {} : { retainedBytes: median(retained) }),
    ...(rss.length === 0 ? {} : { peakRssBytes: median(rss) }),
  };
};

/**
 * The rows of one workload, with those whose check value disagrees turned into errors: against the
 * native column's value when there is one, else all of them when the columns disagree.
 */
const compareChecks = (rows: readonly Row[]): Row[] => {
  const ok = rows.filter((r): r is Result => !('error' in r) && r.check !== undefined);
  const reference = ok.find(r => r.impl === 'native');
  const all = ok.map(r => `${r.impl} ${r.check}`).join(', ');
  if (new Set(ok.map(r => r.check)).size <= 1) return [...rows];
  return rows.map(r => {
    if ('error' in r || r.check === undefined) return r;
    if (reference !== undefined && r.check === reference.check) return r;
    return { workload: r.workload, impl: r.impl, error: `wrong check value (${all})` };
  });
};

const runChild = (file: string, workload: Workload, impl: ImplName, quick: boolean): Row => {
  const installFlag = workload.install === false ? 'none' : JSON.stringify(workload.lockdown ?? {});
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', childPath, file, workload.name, impl, quick ? 'quick' : 'full', installFlag],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const line = child.stdout.split('\n').find(l => l.startsWith(RESULT_MARKER));
  if (child.status !== 0 || line === undefined) {
    const lines = (child.stderr || child.stdout || `exit ${child.status}`).trim().split('\n');
    const detail = lines.find(l => /Error\b/.test(l)) ?? lines[0] ?? '';
    return { workload: workload.name, impl, error: detail };
  }
  return JSON.parse(line.slice(RESULT_MARKER.length)) as Result;
};

/** The machine, for the JSON file and the heading: results are only comparable on one machine. */
const machine = () => ({
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
});

const main = async (): Promise<void> => {
  const args = parseArgs(process.argv.slice(2));
  const selected = (await discover()).filter(({ workload }) => args.filter === undefined || workload.name.includes(args.filter));
  if (selected.length === 0) throw new Error(`bench: no workload matches ${JSON.stringify(args.filter)}`);
  const rows: Row[] = [];
  // Workload by workload; within one, the columns take turns process by process, each round and
  // each fresh process starting with the next column, so that drift of the machine hits all alike.
  for (const { file, workload } of selected) {
    const impls = workload.impls ?? implNames;
    const runs = new Map<ImplName, Row[]>(impls.map(impl => [impl, []]));
    const turns = args.rounds * (args.quick ? 1 : (workload.processes ?? 1));
    for (let turn = 0; turn < turns; turn += 1) {
      for (let k = 0; k < impls.length; k += 1) {
        const impl = impls[(turn + k) % impls.length]!;
        if (!args.json) process.stderr.write(`bench: ${workload.name} / ${impl} (${turn + 1}/${turns})…\n`);
        runs.get(impl)!.push(runChild(file, workload, impl, args.quick));
      }
    }
    rows.push(...compareChecks([...runs.values()].map(combine)));
  }
  const when = new Date().toISOString();
  const report = { date: when, machine: machine(), quick: args.quick, rounds: args.rounds, results: rows };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const { node, cpus: n, cpuModel } = report.machine;
    const rounds = args.rounds === 1 ? '' : `, ${args.rounds} rounds`;
    process.stdout.write(`${when}, node ${node}, ${n} × ${cpuModel}, ${args.quick ? 'quick' : 'full'} run${rounds}\n\n${formatTable(rows)}\n`);
    const notes = rows.filter((r): r is Result => 'note' in r && r.note !== undefined);
    const errors = rows.filter((r): r is Extract<Row, { error: string }> => 'error' in r);
    if (notes.length > 0 || errors.length > 0) process.stdout.write('\n');
    for (const r of notes) process.stdout.write(`note: ${r.workload} / ${r.impl}: ${r.note}\n`);
    for (const r of errors) process.stdout.write(`error: ${r.workload} / ${r.impl}: ${r.error}\n`);
    const targets = formatTargets(rows);
    if (targets !== undefined) process.stdout.write(`\nTargets (wall-time medians decide${args.quick ? '; a --quick run is only indicative' : ''}):\n\n${targets}\n`);
    process.stderr.write(`bench: raw samples in ${args.out}\n`);
  }
  if (rows.some(r => 'error' in r)) process.exitCode = 1;
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
