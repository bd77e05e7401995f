// Cold start: every sample is a fresh Node process (bench/cold-start.ts) that imports the
// implementation and calls lockdown(); native imports nothing. Three views of the same processes:
// the whole process (spawn to exit, as a user waits for it, with its CPU time and peak RSS), import
// plus lockdown() alone (timed inside the process; also with the single-file builds), and lockdown()
// alone. The check value is
// whether the process's Array.prototype ended up frozen exactly when it should (all but native).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MEASURED, defineWorkload, type Impl, type Measured } from '../workload.js';

const script = fileURLToPath(new URL('../cold-start.js', import.meta.url));

interface ColdStart {
  importMs: number;
  lockdownMs: number;
  cpuMs: number;
  lockdownCpuMs: number;
  processCpuMs: number;
  peakRssBytes: number;
  hardened: boolean;
}

/** Starts one process; returns its report and the wall time from spawn to exit. */
const coldStart = (impl: Impl, bundled: boolean): ColdStart & { wallMs: number } => {
  const start = process.hrtime.bigint();
  const out = execFileSync(process.execPath, [script, impl.name, ...(bundled ? ['bundled'] : [])], { encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { ...(JSON.parse(out) as ColdStart), wallMs };
};

const startupWorkload = (
  name: string,
  description: string,
  measure: (s: ColdStart & { wallMs: number }) => Omit<Measured, typeof MEASURED | 'check'>,
  impls?: Impl['name'][],
  bundled = false,
) =>
  defineWorkload({
    name,
    description,
    iterations: { warmup: 2, timed: 10 },
    quickIterations: { warmup: 0, timed: 3 },
    install: false,
    ...(impls === undefined ? {} : { impls }),
    setup(impl: Impl) {
      return {
        prepare: () => undefined,
        run: (): Measured => {
          const s = coldStart(impl, bundled);
          return { [MEASURED]: true, check: s.hardened === (impl.name !== 'native'), ...measure(s) };
        },
      };
    },
  });

export const workloads = [
  startupWorkload(
    'cold-start-process',
    'a fresh `node` process that imports the implementation and calls lockdown(), spawn to exit; cpu and peak RSS of that process',
    s => ({ wallMs: s.wallMs, cpuMs: s.processCpuMs, peakRssBytes: s.peakRssBytes }),
  ),
  startupWorkload(
    'cold-start-import-lockdown',
    'in a fresh process, `await import(implementation)` then lockdown(), timed inside the process',
    s => ({ wallMs: s.importMs + s.lockdownMs, cpuMs: s.cpuMs }),
    ['permafrost', 'ses'],
  ),
  startupWorkload(
    'cold-start-import-lockdown-bundled',
    'the same with the single-file builds: dist/permafrost.mjs (`import "permafrost"`), ses/dist/ses.mjs',
    s => ({ wallMs: s.importMs + s.lockdownMs, cpuMs: s.cpuMs }),
    ['permafrost', 'ses'],
    true,
  ),
  startupWorkload(
    'cold-start-lockdown',
    'in a fresh process, the lockdown() call alone (after the import)',
    s => ({ wallMs: s.lockdownMs, cpuMs: s.lockdownCpuMs }),
    ['permafrost', 'ses'],
  ),
];
