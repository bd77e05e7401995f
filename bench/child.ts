// One benchmark process: installs one implementation (none, Permafrost or ses), then imports one
// workload file, warms up, times `run` with process.hrtime.bigint(), optionally measures retained
// heap, and prints a Result after RESULT_MARKER. Usage: child.js <workload.js> <name> <impl> <quick>
import { pathToFileURL } from 'node:url';
import { RESULT_MARKER, percentile, type Impl, type ImplName, type Result, type Trial, type Workload } from './workload.js';

type Harden = <T>(root: T) => T;

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;
const collect = (): void => {
  gc?.();
};

/** Installs the implementation before anything else of the workload is loaded. */
const install = async (name: ImplName): Promise<{ impl: Impl; note?: string }> => {
  if (name === 'native') return { impl: { name, harden: undefined } };
  if (name === 'ses') {
    await import('ses');
    (globalThis as any).lockdown();
    return { impl: { name, harden: (globalThis as any).harden as Harden } };
  }
  // Permafrost: the public entry point and lockdown(); if that is not usable yet, the bare hardener.
  let reason: string;
  try {
    const permafrost = await import('../src/index.js');
    permafrost.lockdown();
    return { impl: { name, harden: permafrost.harden } };
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const { makeHardener } = await import('../src/harden/make-hardener.js');
  return { impl: { name, harden: makeHardener().harden }, note: `makeHardener() without lockdown (${reason})` };
};

/**
 * Heap still in use after one `run`, with its input kept alive so that only what `run` added
 * counts. A function of its own, so that the input is garbage once it returns: a large live graph
 * left behind would slow every later sample (it stays in any hardened set's table).
 */
/** Runs one trial; waits only for asynchronous ones (module loading), so sync workloads time no microtask. */
const runOnce = async (trial: Trial<unknown>, input: unknown): Promise<void> => {
  const result = trial.run(input);
  if (typeof (result as { then?: unknown } | undefined)?.then === 'function') await result;
};

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
  const [file, workloadName, implName, quickFlag] = process.argv.slice(2);
  if (file === undefined || workloadName === undefined || implName === undefined) {
    throw new Error('usage: child.js <workload.js> <workload name> <native|permafrost|ses> [quick]');
  }
  const { impl, note } = await install(implName as ImplName);
  const module = (await import(pathToFileURL(file).href)) as { workloads: readonly Workload[] };
  const workload = module.workloads.find(w => w.name === workloadName);
  if (workload === undefined) throw new Error(`no workload named ${workloadName} in ${file}`);
  const { warmup, timed } =
    quickFlag === 'quick' ? (workload.quickIterations ?? { warmup: 1, timed: 3 }) : workload.iterations;

  const trial = workload.setup(impl);
  // Memory first, before warmup: the first run is the one that grows the implementation's
  // records (e.g. a hardened set's table) to hold a graph; later runs reuse that capacity.
  const retainedBytes = workload.memory === true && gc !== undefined ? await measureRetained(trial) : undefined;

  for (let i = 0; i < warmup; i += 1) await runOnce(trial, await trial.prepare());
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < timed; i += 1) {
    const input = await trial.prepare();
    collect(); // start every sample with an empty young generation
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const result = trial.run(input);
    if (typeof (result as { then?: unknown } | undefined)?.then === 'function') await result;
    const end = process.hrtime.bigint();
    const cpu = process.cpuUsage(cpuStart);
    samples.push(Number(end - start) / 1e6);
    cpuSamples.push((cpu.user + cpu.system) / 1e3);
  }
  samples.sort((a, b) => a - b);
  cpuSamples.sort((a, b) => a - b);

  const result: Result = {
    workload: workload.name,
    impl: impl.name,
    samples: samples.length,
    medianMs: percentile(samples, 50),
    p90Ms: percentile(samples, 90),
    minMs: samples[0] ?? NaN,
    cpuMedianMs: percentile(cpuSamples, 50),
    ...(retainedBytes === undefined ? {} : { retainedBytes }),
    ...(note === undefined ? {} : { note }),
  };
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
