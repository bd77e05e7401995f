// One benchmark process: installs one implementation (none, Permafrost or ses), then imports one
// workload file, warms up, times `run` with process.hrtime.bigint() and process.cpuUsage(), checks
// that every iteration returned the same check value, optionally measures retained heap, and
// prints a Result after RESULT_MARKER. Usage: child.js <workload.js> <name> <impl> <quick|full>
import { pathToFileURL } from 'node:url';
import {
  MEASURED,
  RESULT_MARKER,
  percentile,
  type Check,
  type Impl,
  type ImplName,
  type Measured,
  type Result,
  type Trial,
  type Workload,
} from './workload.js';

type Harden = <T>(root: T) => T;

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;
const collect = (): void => {
  gc?.();
};

/** Installs the implementation before anything else of the workload is loaded. */
const install = async (
  name: ImplName,
  quick: boolean,
  options: Readonly<Record<string, string>> = {},
): Promise<{ impl: Impl; note?: string }> => {
  if (name === 'native') return { impl: { name, harden: undefined, quick } };
  if (name === 'ses') {
    await import('ses');
    (globalThis as any).lockdown(options);
    return { impl: { name, harden: (globalThis as any).harden as Harden, quick } };
  }
  // Permafrost: the public entry point and lockdown(); if that is not usable yet, the bare hardener.
  let reason: string;
  try {
    const permafrost = await import('../src/index.js');
    permafrost.lockdown(options);
    return { impl: { name, harden: permafrost.harden, quick } };
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const { makeHardener } = await import('../src/harden/make-hardener.js');
  return { impl: { name, harden: makeHardener().harden, quick }, note: `makeHardener() without lockdown (${reason})` };
};

const isMeasured = (x: unknown): x is Measured => typeof x === 'object' && x !== null && MEASURED in x;
const isCheck = (x: unknown): x is Check => ['string', 'number', 'bigint', 'boolean'].includes(typeof x);
const checkText = (x: Check | undefined): string | undefined =>
  x === undefined ? undefined : typeof x === 'bigint' ? `${x}n` : typeof x === 'string' ? JSON.stringify(x) : String(x);

/** Runs one trial; waits only for asynchronous ones (module loading), so sync workloads time no microtask. */
const runOnce = async (trial: Trial<unknown>, input: unknown): Promise<unknown> => {
  const result = trial.run(input);
  if (typeof (result as { then?: unknown } | undefined)?.then === 'function') return await result;
  return result;
};

/**
 * Heap still in use after one `run`, with its input kept alive so that only what `run` added
 * counts. A function of its own, so that the input is garbage once it returns: a large live graph
 * left behind would slow every later sample (it stays in any hardened set's table).
 */
const measureRetained = async (trial: Trial<unknown>): Promise<number> => {
  const keep = [await trial.prepare()];
  collect();
  const before = process.memoryUsage().heapUsed;
  await runOnce(trial, keep[0]);
  collect();
  const after = process.memoryUsage().heapUsed;
  keep.pop();
  return Math.max(0, after - before);
};

const main = async (): Promise<void> => {
  const [file, workloadName, implName, quickFlag, installFlag] = process.argv.slice(2);
  if (file === undefined || workloadName === undefined || implName === undefined) {
    throw new Error('usage: child.js <workload.js> <workload name> <native|permafrost|ses> <quick|full> [<lockdown options JSON>|none]');
  }
  const quick = quickFlag === 'quick';
  // The implementation first, before any workload code (run.ts passes the workload's wishes).
  const { impl, note } =
    installFlag === 'none'
      ? { impl: { name: implName as ImplName, harden: undefined, quick } }
      : await install(implName as ImplName, quick, installFlag === undefined ? {} : JSON.parse(installFlag));
  const module = (await import(pathToFileURL(file).href)) as { workloads: readonly Workload[] };
  const workload = module.workloads.find(w => w.name === workloadName);
  if (workload === undefined) throw new Error(`no workload named ${workloadName} in ${file}`);
  const { warmup, timed } = quick ? (workload.quickIterations ?? { warmup: 1, timed: 3 }) : workload.iterations;

  const trial = workload.setup(impl);
  // Memory first, before warmup: the first run is the one that grows the implementation's
  // records (e.g. a hardened set's table) to hold a graph; later runs reuse that capacity.
  const retainedBytes = workload.memory === true && gc !== undefined ? await measureRetained(trial) : undefined;

  for (let i = 0; i < warmup; i += 1) await runOnce(trial, await trial.prepare());
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const rss: number[] = [];
  let check: string | undefined;
  for (let i = 0; i < timed; i += 1) {
    const input = await trial.prepare();
    collect(); // start every sample with an empty young generation
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    let output = trial.run(input);
    if (typeof (output as { then?: unknown } | undefined)?.then === 'function') output = await output;
    const end = process.hrtime.bigint();
    const cpu = process.cpuUsage(cpuStart);
    const measured = isMeasured(output) ? output : undefined;
    samples.push(measured?.wallMs ?? Number(end - start) / 1e6);
    cpuSamples.push(measured?.cpuMs ?? (cpu.user + cpu.system) / 1e3);
    if (measured?.peakRssBytes !== undefined) rss.push(measured.peakRssBytes);
    const value = checkText(measured !== undefined ? measured.check : isCheck(output) ? output : undefined);
    if (i > 0 && value !== check) throw new Error(`check value changed between iterations: ${check} then ${value}`);
    check = value;
  }
  const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
  const opsOf = workload.ops;
  const ops = typeof opsOf === 'function' ? opsOf(quick) : opsOf;

  const result: Result = {
    workload: workload.name,
    impl: impl.name,
    samples: samples.length,
    medianMs: percentile(sorted(samples), 50),
    p90Ms: percentile(sorted(samples), 90),
    minMs: Math.min(...samples),
    cpuMedianMs: percentile(sorted(cpuSamples), 50),
    wallSamplesMs: samples,
    cpuSamplesMs: cpuSamples,
    ...(ops === undefined ? {} : { ops }),
    ...(check === undefined ? {} : { check }),
    ...(rss.length === 0 ? {} : { peakRssBytes: percentile(sorted(rss), 50) }),
    ...(retainedBytes === undefined ? {} : { retainedBytes }),
    ...(note === undefined ? {} : { note }),
  };
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
