// The Markdown table that `npm run bench` prints: one row per workload and implementation, with
// medians, CPU time, time per operation, ratios to the native and ses columns of the same
// workload, and memory. Pure functions of the rows; no side effects.
import type { ImplName, Result } from './workload.js';

export type Row = Result | { workload: string; impl: ImplName; error: string };

export const tableHeader = ['workload', 'impl', 'median', 'p90', 'cpu', 'per op', 'vs native', 'vs ses', 'memory'] as const;

const ms = (x: number): string => `${x.toFixed(2)} ms`;

/** A short duration for one operation: ns, µs or ms, three significant digits. */
const perOp = (x: number): string => {
  const ns = x * 1e6;
  if (ns < 1000) return `${ns.toPrecision(3)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  return `${(ns / 1e6).toPrecision(3)} ms`;
};

const ratio = (x: number, base: number | undefined): string =>
  base === undefined || !(base > 0) ? '-' : `${(x / base).toFixed(2)}x`;

export const bytes = (n: number): string => {
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
};

/** Retained heap (per op when the workload counts operations), or the peak RSS of measured processes. */
const memory = (row: Result): string => {
  const cells: string[] = [];
  if (row.retainedBytes !== undefined) {
    cells.push(bytes(row.retainedBytes));
    if (row.ops !== undefined) cells.push(`(${bytes(row.retainedBytes / row.ops)}/op)`);
  }
  if (row.peakRssBytes !== undefined) cells.push(`rss ${bytes(row.peakRssBytes)}`);
  return cells.length === 0 ? '-' : cells.join(' ');
};

/** A Markdown table: one row per workload and implementation. */
export const formatTable = (rows: readonly Row[]): string => {
  const lines: string[][] = [];
  for (const row of rows) {
    if ('error' in row) {
      lines.push([row.workload, row.impl, 'error', '-', '-', '-', '-', '-', '-']);
      continue;
    }
    const sameWorkload = rows.filter((r): r is Result => r.workload === row.workload && !('error' in r));
    const native = sameWorkload.find(r => r.impl === 'native')?.medianMs;
    const ses = sameWorkload.find(r => r.impl === 'ses')?.medianMs;
    lines.push([
      row.workload,
      row.impl,
      ms(row.medianMs),
      ms(row.p90Ms),
      ms(row.cpuMedianMs),
      row.ops === undefined ? '-' : perOp(row.medianMs / row.ops),
      ratio(row.medianMs, native),
      ratio(row.medianMs, ses),
      memory(row),
    ]);
  }
  const all = [[...tableHeader], ...lines];
  const widths = tableHeader.map((_, c) => Math.max(...all.map(l => l[c]!.length)));
  const format = (cells: readonly string[]): string => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [format(all[0]!), `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n');
};
