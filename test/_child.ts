// Test helper: runs an ES module snippet in a fresh Node process, for tamings that change the
// realm or the process for good (error taming modes, process traps, domains). `SRC` in the
// snippet is replaced by the file URL of the compiled src/ directory.
import { spawnSync } from 'node:child_process';

const srcUrl = new URL('../src/', import.meta.url).href;

export interface ChildResult {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export const runChild = (source: string, nodeArgs: readonly string[] = []): ChildResult => {
  const result = spawnSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', source.replaceAll('SRC', srcUrl)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
};

/** Runs a snippet that prints one JSON value as its last stdout line, and returns that value. */
export const childJson = (source: string, nodeArgs: readonly string[] = []): any => {
  const result = runChild(source, nodeArgs);
  const lines = result.stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]!);
  } catch {
    throw new Error(`child printed no JSON (status ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
};
