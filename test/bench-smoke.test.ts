// Smoke test of the benchmark harness (bench/run.ts): one workload in --quick mode must produce a
// well-formed table with a row per implementation, and a JSON file with the raw samples and the
// check values. Checks the shape only, never the timings.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runJs = fileURLToPath(new URL('../bench/run.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [runJs, ...args], { encoding: 'utf8', timeout: 110_000 });

test('--quick --filter prints a Markdown table: one row per implementation, numbers and ratios', t => {
  const dir = mkdtempSync(join(tmpdir(), 'pf-bench-smoke-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'results.json');
  const result = run('--quick', '--filter', 'harden-10k-calls', '--out', out);
  t.is(result.status, 0, result.stderr);
  const lines = result.stdout.split('\n');
  const headerAt = lines.findIndex(l => l.startsWith('| workload'));
  t.true(headerAt >= 0, result.stdout);
  const cells = (line: string) => line.split('|').slice(1, -1).map(c => c.trim());
  t.deepEqual(cells(lines[headerAt]!), ['workload', 'impl', 'median', 'p90', 'cpu', 'per op', 'vs native', 'vs ses', 'memory']);
  t.regex(lines[headerAt + 1]!, /^\|(-+\|)+$/);
  const rows = lines.slice(headerAt + 2, headerAt + 5).map(cells);
  t.deepEqual(
    rows.map(r => [r[0], r[1]]),
    [
      ['harden-10k-calls', 'native'],
      ['harden-10k-calls', 'permafrost'],
      ['harden-10k-calls', 'ses'],
    ],
  );
  for (const [, , median, p90, cpu, , vsNative, vsSes] of rows) {
    t.regex(median!, /^\d+\.\d\d ms$/);
    t.regex(p90!, /^\d+\.\d\d ms$/);
    t.regex(cpu!, /^\d+\.\d\d ms$/);
    t.regex(vsNative!, /^\d+\.\d\dx$/);
    t.regex(vsSes!, /^\d+\.\d\dx$/);
  }
  t.is(rows[0]![6], '1.00x');
  t.is(rows[2]![7], '1.00x');
  t.is(lines[headerAt + 5] ?? '', '');
  t.notRegex(result.stdout, /^error:/m);

  const report = JSON.parse(readFileSync(out, 'utf8'));
  t.is(report.quick, true);
  t.is(typeof report.machine.node, 'string');
  t.deepEqual(
    report.results.map((r: { impl: string }) => r.impl),
    ['native', 'permafrost', 'ses'],
  );
  for (const r of report.results) {
    t.is(r.wallSamplesMs.length, 3);
    t.is(r.cpuSamplesMs.length, 3);
    t.is(r.check, 'true'); // every column's records ended up frozen
  }
});

test('unknown arguments and filters that match nothing fail loudly', t => {
  const bad = run('--fast');
  t.not(bad.status, 0);
  t.regex(bad.stderr, /unknown argument --fast/);
  const none = run('--quick', '--filter', 'no-such-workload');
  t.not(none.status, 0);
  t.regex(none.stderr, /no workload matches/);
});
