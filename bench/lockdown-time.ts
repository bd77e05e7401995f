// How long lockdown() takes, Permafrost against ses: each sample is a fresh Node process (lockdown
// runs once per realm) that times only the lockdown() call. Prints the median of N samples per
// implementation and the ratio. Usage: node build/bench/lockdown-time.js [--runs 20]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 20;
const which = process.argv[2];

if (which === 'permafrost' || which === 'ses') {
  // Child: import (untimed), then time lockdown().
  if (which === 'ses') await import('ses');
  else await import('../src/index.js');
  const lockdown = (globalThis as any).lockdown as (o?: object) => void;
  const start = process.hrtime.bigint();
  lockdown({ reporting: 'none' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(`${ms}\n`);
} else {
  const self = fileURLToPath(import.meta.url);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const results: Record<string, number> = {};
  for (const impl of ['permafrost', 'ses']) {
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      samples.push(Number(execFileSync(process.execPath, [self, impl], { encoding: 'utf8' }).trim()));
    }
    results[impl] = median(samples);
    console.log(`${impl.padEnd(10)} lockdown() median of ${runs}: ${median(samples).toFixed(2)} ms (min ${Math.min(...samples).toFixed(2)}, max ${Math.max(...samples).toFixed(2)})`);
  }
  console.log(`ratio permafrost/ses: ${(results.permafrost! / results.ses!).toFixed(2)}x`);
}
