// Red team. Attack: make what the shared intrinsics compute depend on the host, to learn where and
// what it is (time zone, language, build of the shim, environment) or to break determinism.
//  - TZ / LANG / LC_ALL: blocked (a battery of guest operations is byte-identical across hosts).
//  - Function.prototype.toString of Permafrost's replacement functions prints their TypeScript
//    output (comments, helper names), which differs between build/ and the minified dist bundles
//    and tells a guest which shim and version it runs on; ses prints `[native code]` for them.
//  - The shared `lockdown` reads the host's process.env (LOCKDOWN_*) every time it is called, and
//    quotes an invalid value in its error: a guest reads host environment variables.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { lockdown } from '../src/index.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';

lockdown({ reporting: 'none' });
const I = getIntrinsics()!;
const srcUrl = new URL('../src/', import.meta.url).href;

const battery = `
  const { lockdown } = await import('${srcUrl}index.js');
  const { getIntrinsics } = await import('${srcUrl}lockdown/lockdown.js');
  lockdown({ reporting: 'none' });
  const I = getIntrinsics();
  const run = new Function('Date', 'Error', 'Math', \`'use strict';
    const out = {};
    const rec = (k, f) => { try { out[k] = String(f()); } catch (e) { out[k] = 'throws ' + e.name + ': ' + e.message; } };
    const d = new Date(1711846800000);
    rec('string', () => String(d) + d.toDateString() + d.toTimeString());
    rec('array locale', () => [d, 1234.5, 10n].toLocaleString('de-DE', { timeZone: 'Asia/Tokyo' }));
    rec('date locale tz', () => d.toLocaleString('de', { timeZone: 'Asia/Tokyo', timeZoneName: 'long' }));
    rec('typed locale', () => new BigInt64Array([10n ** 15n]).toLocaleString('ar-EG'));
    rec('number locale', () => (1234567.891).toLocaleString('ar-EG', { style: 'currency', currency: 'EUR' }));
    rec('sort', () => ['b', 'a', 'B', 'ä', 'z', 'ı', 'I'].sort((x, y) => x.localeCompare(y, 'sv')).join());
    rec('case', () => 'iıİ'.toLocaleUpperCase() + 'İI'.toLocaleLowerCase('tr'));
    rec('parse', () => [Date.parse('2024-03-31 02:30'), Date.parse('31 March 2024 10:00'), new Date(2024, 2, 31, 2, 30).getTime()].join());
    rec('fields', () => [d.getHours(), d.getTimezoneOffset(), d.getDay(), d.setHours(3)].join());
    rec('messages', () => { const m = []; for (const f of [() => null.x, () => new Date(NaN).toISOString(), () => JSON.parse('{')]) { try { f(); } catch (e) { m.push(e.message, e.stack); } } return m.join('|'); });
    return out;\`);
  console.log(JSON.stringify(run(I['%SharedDate%'], I['%SharedError%'], I['%SharedMath%'])));
`;

const runWith = (env: Record<string, string>): string => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', battery], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return r.stdout.trim();
};

test('host-dependence: guest-visible results are identical under different TZ and LANG (blocked)', t => {
  const a = runWith({ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
  const b = runWith({ TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
  t.true(a.startsWith('{'), a);
  t.is(b, a);
});

test('host-dependence: Function.prototype.toString does not reveal the source of tamed shared functions', t => {
  const fts = Function.prototype.toString;
  const samples: [string, unknown][] = [
    ['%SharedDate%', I['%SharedDate%']],
    ['%SharedError%', I['%SharedError%']],
    ['%SharedError%.captureStackTrace', (I['%SharedError%'] as any).captureStackTrace],
    ['%SharedMath%.random', (I['%SharedMath%'] as any).random],
    ['Date.prototype.getHours', Date.prototype.getHours],
    ['Date.parse', Date.parse],
    ['String.prototype.localeCompare', String.prototype.localeCompare],
    ['DataView.prototype.setFloat64', DataView.prototype.setFloat64],
    ['Object.prototype.toString (override getter)', Object.getOwnPropertyDescriptor(Object.prototype, 'toString')!.get],
    ['(function(){}).constructor', (function () {}).constructor],
    ['harden', (globalThis as any).harden],
    ['lockdown', (globalThis as any).lockdown],
  ];
  const revealing = samples.filter(([, f]) => !/\{\s*\[native code\]\s*\}$/.test(fts.call(f))).map(([name]) => name);
  t.deepEqual(revealing, []);
});

test('host-dependence: the shared lockdown() does not read or reveal the host environment', t => {
  const env = (globalThis as any).process.env;
  env.LOCKDOWN_ERROR_TAMING = 'host-secret-token';
  let message = '';
  try {
    new Function('lockdown', `'use strict'; lockdown();`)((globalThis as any).lockdown);
  } catch (error) {
    message = (error as Error).message;
  } finally {
    delete env.LOCKDOWN_ERROR_TAMING;
  }
  t.notRegex(message, /host-secret-token/);
  t.regex(message, /PF_ALREADY_LOCKED_DOWN/);
});
