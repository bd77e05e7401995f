// Module workloads. Analysis of a real 132 KB ES module (terser's parser): native is acorn's bare
// parse, Permafrost `new ModuleSource` (and, separately, plus the rewrite a compartment compiles),
// ses `new ModuleSource` from @endo/module-source (Babel: analysis and transform in one). And a
// synthetic graph of 500 ES modules (fan-out, depth, named exports, aliases, star and named
// re-exports), loaded end to end from files (native: `import()`; each iteration a fresh copy with
// unique text, so no cache of any implementation helps), and linked + executed alone from sources
// analyzed beforehand. Every implementation's graph computes a check value compared to the expected one.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineWorkload, type Impl } from '../workload.js';

const require = createRequire(import.meta.url);
// (terser's package.json exports do not list it: found next to the package's own manifest.)
const ANALYZED = join(require.resolve('terser/package.json'), '..', 'lib', 'parse.js');
const MODULES = 500;

type Compartment = {
  import(specifier: string): Promise<{ namespace: Record<string, unknown> }>;
};
type CompartmentConstructor = new (options: object) => Compartment;
type SourceConstructor = new (text: string, location?: string) => object;

const compartmentOf = (): CompartmentConstructor => (globalThis as unknown as { Compartment: CompartmentConstructor }).Compartment;

/** The ModuleSource of the implementation: ours, or @endo/module-source's for ses. */
const sourceConstructor = async (impl: Impl): Promise<SourceConstructor> => {
  if (impl.name === 'ses') return ((await import('@endo/module-source' as string)) as { ModuleSource: SourceConstructor }).ModuleSource;
  return ((await import('../../src/index.js')) as unknown as { ModuleSource: SourceConstructor }).ModuleSource;
};

/** Permafrost's realm caches of analysis and rewritten text, emptied so that each sample is a first analysis. */
const resetPermafrostCaches = async (): Promise<void> => {
  (await import('../../src/compartment/analyze-source.js')).resetSourceAnalysisCache();
  (await import('../../src/compartment/evaluator.js')).resetRewriteCache();
};

// --- the synthetic graph ---

const children = (i: number): number[] => [2 * i + 1, 2 * i + 2].filter(j => j < MODULES);

/** The text of module i; `salt` makes every copy's text unique. */
const moduleText = (i: number, salt: string): string => {
  const deps = children(i);
  const lines = [`// module ${i} ${salt}`];
  deps.forEach((j, k) => lines.push(`import { value as v${k}, alias${j} } from './m${j}.js';`));
  if (deps.length > 0 && i % 7 === 0) lines.push(`export * from './m${deps[0]}.js';`);
  if (deps.length > 1 && i % 5 === 0) lines.push(`export { f${deps[1]} as g${i} } from './m${deps[1]}.js';`);
  const sum = deps.map((j, k) => `v${k} + alias${j}`).join(' + ') || '0';
  lines.push(`export const value = ${sum} + ${i};`, `export function f${i}() { return value; }`, `export { value as alias${i} };`);
  return lines.join('\n');
};

/** The entry's `value`, computed directly: what every implementation's graph must produce. */
const expected = (() => {
  const memo = new Map<number, number>();
  const value = (i: number): number => {
    if (!memo.has(i)) memo.set(i, children(i).reduce((s, j) => s + 2 * value(j), 0) + i);
    return memo.get(i)!;
  };
  return value(0);
})();

let copies = 0;
let previous: string | undefined;
/** Writes a fresh copy of the graph (removing the previous one); returns its directory. */
const writeGraph = (): string => {
  if (previous !== undefined) rmSync(previous, { recursive: true, force: true });
  const dir = mkdtempSync(join(tmpdir(), 'pf-bench-graph-'));
  const salt = `${process.pid}-${(copies += 1)}`;
  for (let i = 0; i < MODULES; i += 1) writeFileSync(join(dir, `m${i}.js`), moduleText(i, salt));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  if (previous === undefined) process.on('exit', () => rmSync(previous!, { recursive: true, force: true }));
  previous = dir;
  return dir;
};

/** The check value: the entry's `value`, which must also be the one computed directly. */
const check = (value: unknown): number => {
  if (value !== expected) throw new Error(`the graph computed ${String(value)}, not ${expected}`);
  return value;
};

/** Loads the graph in `dir` through a compartment whose hooks read the files (as a file loader would). */
const loadInCompartment = async (Source: SourceConstructor, dir: string): Promise<number> => {
  const C = compartmentOf();
  const c = new C({
    __options__: true,
    resolveHook: (spec: string) => spec.slice(2),
    importHook: async (spec: string) => new Source(await readFile(join(dir, spec), 'utf8'), spec),
  });
  return check((await c.import('m0.js')).namespace.value);
};

/** The graph read from files and loaded end to end; native: `import()` of the same files. */
const graphWorkload = (name: string, when: string, iterations: { warmup: number; timed: number }, processes = 1) =>
  defineWorkload({
    name,
    description: `${MODULES} ES modules read from files and loaded end to end, ${when} (a fresh copy, unique text, each iteration); native: import()`,
    iterations,
    quickIterations: { warmup: 0, timed: 1 },
    processes,
    setup(impl: Impl) {
      let Source: SourceConstructor | undefined;
      return {
        prepare: async () => {
          if (impl.name !== 'native') Source ??= await sourceConstructor(impl);
          return writeGraph();
        },
        run: async (dir: string) => {
          if (impl.name === 'native') return check(((await import(pathToFileURL(join(dir, 'm0.js')).href)) as { value: unknown }).value);
          return loadInCompartment(Source!, dir);
        },
      };
    },
  });

/**
 * The graph analyzed beforehand (each implementation's ModuleSource, untimed): a new compartment
 * links and executes it. Permafrost compiles the rewrite on first link, ses at analysis.
 */
const linkWorkload = (name: string, when: string, iterations: { warmup: number; timed: number }, processes = 1) =>
  defineWorkload({
    name,
    description: `${MODULES} ES modules analyzed beforehand: a new compartment links and executes them, ${when}`,
    iterations,
    quickIterations: { warmup: iterations.warmup === 0 ? 0 : 1, timed: 1 },
    impls: ['permafrost', 'ses'],
    processes,
    setup(impl: Impl) {
      let sources: Record<string, object> | undefined;
      return {
        prepare: async () => {
          if (sources === undefined) {
            const Source = await sourceConstructor(impl);
            sources = {};
            for (let i = 0; i < MODULES; i += 1) sources[`m${i}.js`] = new Source(moduleText(i, 'fixed'), `m${i}.js`);
          }
          return sources;
        },
        run: async (modules: Record<string, object>) => {
          const C = compartmentOf();
          const c = new C({ __options__: true, modules, resolveHook: (spec: string) => spec.slice(2) });
          return check((await c.import('m0.js')).namespace.value);
        },
      };
    },
  });

export const workloads = [
  defineWorkload({
    name: 'module-analysis-128k',
    description: `one analysis of ${ANALYZED.split('node_modules/')[1]} (132 KB ESM): native acorn.parse; Permafrost new ModuleSource (caches emptied); ses @endo/module-source`,
    iterations: { warmup: 5, timed: 15 },
    quickIterations: { warmup: 1, timed: 2 },
    setup(impl: Impl) {
      const text = readFileSync(ANALYZED, 'utf8');
      let Source: SourceConstructor | undefined;
      return {
        prepare: async () => {
          Source ??= await sourceConstructor(impl);
          if (impl.name === 'permafrost') await resetPermafrostCaches();
        },
        run: () => {
          if (impl.name === 'native') return require('acorn').parse(text, { ecmaVersion: 'latest', sourceType: 'module' });
          return new Source!(text);
        },
      };
    },
  }),
  defineWorkload({
    name: 'module-analysis-compile-128k',
    description: 'the same, plus the rewrite a compartment compiles from it (Permafrost; ses and native as above)',
    iterations: { warmup: 5, timed: 15 },
    quickIterations: { warmup: 1, timed: 2 },
    setup(impl: Impl) {
      const text = readFileSync(ANALYZED, 'utf8');
      let Source: SourceConstructor | undefined;
      let compile: ((owner: object, text: string) => unknown) | undefined;
      return {
        prepare: async () => {
          Source ??= await sourceConstructor(impl);
          if (impl.name === 'permafrost') {
            compile ??= (await import('../../src/compartment/evaluator.js')).compileModule as (owner: object, text: string) => unknown;
            await resetPermafrostCaches();
          }
        },
        run: () => {
          if (impl.name === 'native') return require('acorn').parse(text, { ecmaVersion: 'latest', sourceType: 'module' });
          const made = new Source!(text);
          if (compile !== undefined) compile({}, text);
          return made;
        },
      };
    },
  }),
  graphWorkload('module-graph-500', 'after warm-up', { warmup: 2, timed: 7 }),
  graphWorkload('module-graph-500-first', 'the first load of a fresh process (7 processes a round)', { warmup: 0, timed: 1 }, 7),
  linkWorkload('module-graph-500-link-execute', 'after warm-up (Permafrost reuses the realm\'s cache of compiled text)', { warmup: 3, timed: 10 }),
  linkWorkload('module-graph-500-link-execute-first', 'the first time in a fresh process (7 processes a round)', { warmup: 0, timed: 1 }, 7),
  defineWorkload({
    name: 'module-real-package-first',
    description: "a real package graph (semver: ~40 CommonJS files) loaded from node_modules, the first load of a fresh process; Permafrost: a compartment with permafrost/node's hooks; native: import()",
    iterations: { warmup: 0, timed: 1 },
    quickIterations: { warmup: 0, timed: 1 },
    impls: ['native', 'permafrost'],
    processes: 7,
    setup(impl: Impl) {
      // The repository root (build/bench/workloads/ → ../../..), whose node_modules hold semver.
      const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
      let hooks: object | undefined;
      return {
        prepare: async () => {
          if (impl.name === 'permafrost' && hooks === undefined) {
            const { makeNodeModuleHooks } = await import('../../src/node/index.js');
            hooks = makeNodeModuleHooks({ root });
          }
        },
        run: async () => {
          let semver: { satisfies(v: string, r: string): boolean };
          if (impl.name === 'native') semver = (await import('semver' as string)) as typeof semver;
          else {
            const c = new (compartmentOf())({ __options__: true, __noNamespaceBox__: true, ...hooks });
            semver = (await c.import('semver')) as unknown as typeof semver;
          }
          return semver.satisfies('1.2.3', '^1.0.0') && !semver.satisfies('2.0.0', '^1.0.0');
        },
      };
    },
  }),
];
