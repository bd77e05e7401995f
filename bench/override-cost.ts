// What each overrideTaming level costs on method calls: the properties a level turns into
// accessors are looked up through a getter. Each column is a fresh process: no shim (native),
// then lockdown() with 'min', 'moderate' and 'severe'. Prints ns per call and ratios to native.
// Usage: node build/bench/override-cost.js
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const level = process.argv[2];
const N = 5_000_000;

/** Method calls whose lookup goes through a property each level may convert. */
const workloads: Record<string, () => unknown> = {
  'obj.toString()': () => {
    const o = {};
    let s = 0;
    for (let i = 0; i < N; i += 1) s += o.toString().length;
    return s;
  },
  'arr.push(x)': () => {
    let a: number[] = [];
    for (let i = 0; i < N; i += 1) {
      a.push(i);
      if (a.length > 1000) a = [];
    }
    return a.length;
  },
  'map.get(k)': () => {
    const m = new Map([[1, 2]]);
    let s = 0;
    for (let i = 0; i < N; i += 1) s += m.get(1)!;
    return s;
  },
  'fn.bind()': () => {
    const f = function (this: unknown) {};
    let s = 0;
    for (let i = 0; i < N / 10; i += 1) s += (typeof f.bind(null)).length;
    return s;
  },
};

if (level !== undefined) {
  if (level !== 'native') {
    const { lockdown } = await import('../src/index.js');
    lockdown({ overrideTaming: level as 'min', reporting: 'none' });
  }
  const out: Record<string, number> = {};
  for (const [name, work] of Object.entries(workloads)) {
    work(); // warm up
    const samples: number[] = [];
    for (let r = 0; r < 5; r += 1) {
      const start = process.hrtime.bigint();
      work();
      samples.push(Number(process.hrtime.bigint() - start) / (name === 'fn.bind()' ? N / 10 : N));
    }
    out[name] = samples.sort((a, b) => a - b)[2]!;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
} else {
  const self = fileURLToPath(import.meta.url);
  const levels = ['native', 'min', 'moderate', 'severe'];
  const rows = levels.map(l => [l, JSON.parse(execFileSync(process.execPath, [self, l], { encoding: 'utf8' }))] as const);
  const native = rows[0]![1] as Record<string, number>;
  console.log(`${'call'.padEnd(16)}${levels.map(l => l.padStart(18)).join('')}`);
  for (const name of Object.keys(workloads)) {
    const cells = rows.map(([, r]) => `${(r as Record<string, number>)[name]!.toFixed(2)}ns ${((r as Record<string, number>)[name]! / native[name]!).toFixed(2)}x`);
    console.log(`${name.padEnd(16)}${cells.map(c => c.padStart(18)).join('')}`);
  }
}
