// The project's performance targets (the issue "Benchmark suite"), each checked against a run's
// results: a Markdown table of where each stands, printed by run.ts under the results and by
// `node build/bench/targets.js [results.json]` for a saved run. The goal decides on wall-time
// medians; CPU-time ratios are shown beside them (steadier on a busy machine). No side effects
// but the CLI's reading and printing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bytes, type Row } from './table.js';
import type { ImplName, Result } from './workload.js';

type Find = (workload: string, impl: ImplName) => Result | undefined;

interface Standing {
  /** Permafrost's figure, and the baseline's, as shown. */
  readonly ours: string;
  readonly base: string;
  /** The measured ratio (or figure) that the goal is about, with the CPU-time one. */
  readonly measured: string;
  readonly met: boolean;
}

interface Target {
  readonly what: string;
  readonly goal: string;
  readonly workload: string;
  standing(find: Find): Standing | undefined;
}

const ms = (x: number): string => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);
const perOp = (r: Result): string => {
  const ns = (r.medianMs / (r.ops ?? 1)) * 1e6;
  return ns < 1000 ? `${ns.toFixed(1)} ns` : `${(ns / 1000).toFixed(2)} µs`;
};

/** Permafrost's median over the `base` column's: at most `limit`. */
const ratioTarget = (
  what: string,
  workload: string,
  base: ImplName,
  limit: number,
  show: (r: Result) => string = r => ms(r.medianMs),
): Target => ({
  what,
  workload,
  goal: `<= ${limit}x ${base}`,
  standing(find) {
    const ours = find(workload, 'permafrost');
    const theirs = find(workload, base);
    if (ours === undefined || theirs === undefined) return undefined;
    const wall = ours.medianMs / theirs.medianMs;
    const cpu = ours.cpuMedianMs / theirs.cpuMedianMs;
    return {
      ours: show(ours),
      base: `${base} ${show(theirs)}`,
      measured: `${wall.toFixed(2)}x (cpu ${cpu.toFixed(2)}x)`,
      met: wall <= limit,
    };
  },
});

/** Permafrost's median link + execute time: at most 15 ms. */
const linkTarget = (what: string, workload: string): Target => ({
  what,
  goal: '<= 15 ms',
  workload,
  standing(find) {
    const ours = find(workload, 'permafrost');
    const ses = find(workload, 'ses');
    if (ours === undefined || ses === undefined) return undefined;
    return { ours: ms(ours.medianMs), base: `ses ${ms(ses.medianMs)}`, measured: `${ms(ours.medianMs)} (cpu ${ms(ours.cpuMedianMs)})`, met: ours.medianMs <= 15 };
  },
});

const targets: readonly Target[] = [
  ratioTarget('import + lockdown (unbundled ES modules)', 'cold-start-import-lockdown', 'ses', 0.4),
  ratioTarget('import + lockdown (single-file builds)', 'cold-start-import-lockdown-bundled', 'ses', 0.4),
  ratioTarget('compartment creation, time (global object made)', 'compartment-create-use', 'ses', 0.3, perOp),
  {
    what: 'compartment creation, retained heap (global object made)',
    goal: '<= 0.3x ses',
    workload: 'compartment-create-use',
    standing(find) {
      const ours = find(this.workload, 'permafrost');
      const theirs = find(this.workload, 'ses');
      if (ours?.retainedBytes === undefined || theirs?.retainedBytes === undefined) return undefined;
      const each = (r: Result) => `${bytes(r.retainedBytes! / (r.ops ?? 1))}/op`;
      const x = ours.retainedBytes / theirs.retainedBytes;
      return { ours: each(ours), base: `ses ${each(theirs)}`, measured: `${x.toFixed(2)}x`, met: x <= 0.3 };
    },
  },
  ratioTarget("evaluate('1+1'), same source", 'evaluate-same', 'ses', 0.3, perOp),
  ratioTarget('global access loop, mutable globals', 'global-loop-mutable', 'native', 1.5),
  ratioTarget('same, compartment global hardened first', 'global-loop-frozen', 'native', 1.05),
  ratioTarget('harden fresh 100k graph', 'harden-100k', 'native', 1.1),
  {
    what: 'harden of a hardened root',
    goal: '<= 50 ns',
    workload: 'harden-hardened-root',
    standing(find) {
      const ours = find(this.workload, 'permafrost');
      const native = find(this.workload, 'native');
      if (ours === undefined || native === undefined) return undefined;
      const ns = (ours.medianMs / (ours.ops ?? 1)) * 1e6;
      const cpuNs = (ours.cpuMedianMs / (ours.ops ?? 1)) * 1e6;
      return { ours: perOp(ours), base: `native ${perOp(native)}`, measured: `${ns.toFixed(1)} ns (cpu ${cpuNs.toFixed(1)} ns)`, met: ns <= 50 };
    },
  },
  ratioTarget('500-module graph end to end, warm', 'module-graph-500', 'native', 0.5),
  linkTarget('500-module link + execute only, warm', 'module-graph-500-link-execute'),
  linkTarget('500-module link + execute only, first in a process', 'module-graph-500-link-execute-first'),
  ratioTarget('module analysis, 128 KB file', 'module-analysis-128k', 'ses', 0.1),
  ratioTarget('contract, evaluated in compartment', 'contract-evaluated', 'native', 1.1),
  ratioTarget('contract, host calls into guest', 'contract-host-calls', 'native', 1.1),
];

/** The targets table for the rows of one run; targets whose workloads did not run are left out. */
export const formatTargets = (rows: readonly Row[]): string | undefined => {
  const find: Find = (workload, impl) =>
    rows.find((r): r is Result => r.workload === workload && r.impl === impl && !('error' in r));
  const lines = targets.flatMap(t => {
    const s = t.standing(find);
    return s === undefined ? [] : [`| ${t.what} | ${t.goal} | \`${t.workload}\` | ${s.ours} | ${s.base} | ${s.measured} | ${s.met ? 'met' : '**not met**'} |`];
  });
  if (lines.length === 0) return undefined;
  return ['| target | goal | workload | Permafrost | baseline | measured | status |', '|---|---|---|---|---|---|---|', ...lines].join('\n');
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? fileURLToPath(new URL('./results.json', import.meta.url));
  const { results } = JSON.parse(readFileSync(file, 'utf8')) as { results: Row[] };
  process.stdout.write(`${formatTargets(results) ?? 'no target workload in these results'}\n`);
}
