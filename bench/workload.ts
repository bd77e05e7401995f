// The contract between bench/run.ts and bench/workloads/*.ts, and the statistics the children
// report. A workload file exports `workloads`: one or more Workload objects (see README.md).
// No side effects.

/** The three columns: no shim at all, Permafrost after lockdown(), ses after lockdown(). */
export type ImplName = 'native' | 'permafrost' | 'ses';
export const implNames: readonly ImplName[] = ['native', 'permafrost', 'ses'];

/** What a workload gets to know about the implementation its process runs. */
export interface Impl {
  readonly name: ImplName;
  /** The implementation's harden; undefined in the native column, which has no shim. */
  readonly harden: (<T>(root: T) => T) | undefined;
  /** True under `--quick`: a workload may then shrink its problem (the `per op` column still compares). */
  readonly quick: boolean;
}

/** What a check value may be: computed by the guest code, compared across the columns. */
export type Check = string | number | bigint | boolean;

/**
 * What `run` may return instead of a bare check value, when the timed work happens in another
 * process (cold start): that process's own CPU time and peak RSS, and, if the process timed the
 * interesting part itself, that wall time instead of the one the child measures around `run`.
 */
export const MEASURED: unique symbol = Symbol('measured');
export interface Measured {
  readonly [MEASURED]: true;
  readonly check?: Check;
  readonly wallMs?: number;
  readonly cpuMs?: number;
  readonly peakRssBytes?: number;
}

/**
 * One timed operation: `prepare` runs untimed before every iteration, `run` is what is timed. Either
 * may return a promise (module loading): the child waits for it, and only then for those. What `run`
 * returns (or its promise fulfils with), if a Check, is this iteration's check value: it must be the
 * same in every iteration and in every column, or the run fails. A `Measured` carries one too.
 */
export interface Trial<I> {
  prepare(): I | Promise<I>;
  run(input: I): unknown;
}

export interface Iterations {
  /** Untimed iterations that let the JIT settle. */
  readonly warmup: number;
  /** Timed iterations: median and p90 are over these. */
  readonly timed: number;
}

export interface Workload<I = unknown> {
  /** Unique, short, kebab-case: what `--filter` matches and the table shows. */
  readonly name: string;
  readonly description: string;
  readonly iterations: Iterations;
  /** Used under `--quick` (CI smoke runs): a few iterations, to check that everything runs. */
  readonly quickIterations?: Iterations;
  /** Also report the heap retained by one `run` (needs `--expose-gc`, which run.ts passes). */
  readonly memory?: boolean;
  /** Columns to run; all three by default. */
  readonly impls?: readonly ImplName[];
  /** Operations one `run` performs: the table then also shows time (and retained heap) per operation. */
  readonly ops?: number | ((quick: boolean) => number);
  /**
   * Fresh child processes per column and round (default 1), interleaved across the columns: for
   * workloads about a process's first run (iterations `{ warmup: 0, timed: 1 }`). One under --quick.
   */
  readonly processes?: number;
  /** Options for the implementation's `lockdown()` (e.g. `overrideTaming`); native ignores them. */
  readonly lockdown?: Readonly<Record<string, string>>;
  /** False: the child installs no implementation (the workload starts processes of its own). */
  readonly install?: boolean;
  /** Called once per child process, after the implementation is installed. */
  setup(impl: Impl): Trial<I>;
}

/** Checks at compile time that a workload's `prepare` and `run` agree on the input type. */
export const defineWorkload = <I>(workload: Workload<I>): Workload => workload as Workload;

/** What a child prints (after RESULT_MARKER, on one line) and the parent collects. */
export interface Result {
  readonly workload: string;
  readonly impl: ImplName;
  readonly samples: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  /** Median CPU time (user + system, all threads) of the timed samples: steadier on a busy machine. */
  readonly cpuMedianMs: number;
  /** Every timed sample, wall and CPU, in the order taken. */
  readonly wallSamplesMs: readonly number[];
  readonly cpuSamplesMs: readonly number[];
  /** Operations per run (see Workload.ops). */
  readonly ops?: number;
  /** The check value every iteration returned, as a string (with its type for bigint). */
  readonly check?: string;
  /** Median peak RSS of the measured processes, for workloads that start processes of their own. */
  readonly peakRssBytes?: number;
  /** Heap retained by the first run (before warmup); absent unless the workload asks. */
  readonly retainedBytes?: number;
  /** How the implementation was obtained, if not the normal way (e.g. a fallback). */
  readonly note?: string;
}

export const RESULT_MARKER = '@@bench-result ';

/** Nearest-rank percentile of an ascending array. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
};
