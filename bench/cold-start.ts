// One cold start, run by bench/workloads/startup.ts in a fresh process per sample: imports the
// implementation and calls lockdown() (native: neither), then prints, as JSON, how long the import
// and lockdown() took, the CPU time of the whole process and its peak RSS. By default the modules
// `import 'ses'` and tsc's build/src load (both unbundled ES modules); with `bundled`, the single-file
// ES module builds: ses's dist/ses.mjs and our dist/permafrost.mjs (what `import 'permafrost'` loads).
// Usage: node build/bench/cold-start.js <native|permafrost|ses> [bundled]
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [impl, form] = process.argv.slice(2);
const bundled = form === 'bundled';
const entries = {
  ses: bundled ? join(createRequire(import.meta.url).resolve('ses/package.json'), '..', 'dist', 'ses.mjs') : 'ses',
  permafrost: fileURLToPath(new URL(bundled ? '../../dist/permafrost.mjs' : '../src/index.js', import.meta.url)),
};
if (impl === 'ses' || impl === 'permafrost') {
  const entry = entries[impl];
  if (bundled && !existsSync(entry)) throw new Error(`cold-start: no ${entry} (npm run build makes it)`);
}
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
if (impl === 'ses') await import(bundled ? pathToFileURL(entries.ses).href : 'ses');
else if (impl === 'permafrost') await import(pathToFileURL(entries.permafrost).href);
else if (impl !== 'native') throw new Error(`cold-start: unknown implementation ${impl}`);
const imported = process.hrtime.bigint();
const cpuImported = process.cpuUsage();
if (impl !== 'native') (globalThis as unknown as { lockdown(): void }).lockdown();
const done = process.hrtime.bigint();
const cpu = process.cpuUsage(cpuStart);
const cpuLockdown = process.cpuUsage(cpuImported);
const total = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({
    importMs: Number(imported - start) / 1e6,
    lockdownMs: Number(done - imported) / 1e6,
    cpuMs: (cpu.user + cpu.system) / 1e3,
    lockdownCpuMs: (cpuLockdown.user + cpuLockdown.system) / 1e3,
    processCpuMs: (total.user + total.system) / 1e3,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    hardened: Object.isFrozen(Array.prototype),
  })}\n`,
);
