// Comparison with ses 2.3 (a devDependency, never used at run time): the same frozen walk and the
// same determinism battery, run against both. It documents (t.log) where we differ; it asserts
// only that both runs happened and that Permafrost's side holds.
import test from 'ava';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.js`, import.meta.url));
const child = async (file: string, args: string[], env: Record<string, string> = {}) => {
  const { stdout } = await run(process.execPath, [fixture(file), ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
};

test('compare-ses: frozen walk (ses leaves nothing unfrozen either; reachable surfaces differ)', async t => {
  const [ours, ses] = await Promise.all([child('frozen-walk-child', ['permafrost']), child('frozen-walk-child', ['ses'])]);
  t.true(ours.visited > 500 && ses.visited > 500, 'both walks ran');
  t.deepEqual(ours.unfrozen, [], 'Permafrost: nothing reachable is unfrozen');
  t.log(`objects reachable: Permafrost ${ours.visited}, ses ${ses.visited}`);
  t.log(`unfrozen under ses: ${ses.unfrozen.length ? ses.unfrozen.join(', ') : 'none'}`);
  const strip = (p: string) => p.replace(/^compartment\./, '');
  const oursSet = new Set<string>(ours.paths.map(strip));
  const sesSet = new Set<string>(ses.paths.map(strip));
  const onlySes = [...sesSet].filter(p => !oursSet.has(p)).sort();
  const onlyOurs = [...oursSet].filter(p => !sesSet.has(p)).sort();
  t.log(`reachable only under ses (${onlySes.length}):\n  ${onlySes.slice(0, 80).join('\n  ')}`);
  t.log(`reachable only under Permafrost (${onlyOurs.length}):\n  ${onlyOurs.slice(0, 80).join('\n  ')}`);
});

const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];
const locales = ['C', 'de_DE.UTF-8', 'ja_JP.UTF-8'];

test('compare-ses: determinism of Date and locale methods across TZ and LANG (ses leaks the time zone)', async t => {
  const runs = async (mode: string) => {
    const out: { zone: string; locale: string; text: string }[] = [];
    for (const zone of zones) {
      for (const locale of locales) {
        const r = await child('date-locale-battery', [mode], { TZ: zone, LANG: locale, LC_ALL: locale });
        out.push({ zone, locale, text: JSON.stringify(r.shared) });
      }
    }
    return out;
  };
  const [ours, ses] = await Promise.all([runs('lockdown'), runs('ses')]);
  const distinct = (xs: { text: string }[]) => new Set(xs.map(x => x.text)).size;
  t.is(distinct(ours), 1, 'Permafrost: the compartments\' Date and locale methods give one answer everywhere');
  t.log(`distinct outputs of the shared battery over ${ours.length} TZ/LANG combinations: Permafrost ${distinct(ours)}, ses ${distinct(ses)}`);
  const base = JSON.parse(ses[0]!.text) as Record<string, string>;
  const other = JSON.parse(ses.find(x => x.zone === 'America/New_York')!.text) as Record<string, string>;
  const leaking = Object.keys(base).filter(k => base[k] !== other[k]);
  t.log(`ses: ${leaking.length} battery entries differ between TZ=UTC and TZ=America/New_York, e.g. ${leaking.slice(0, 8).join(', ')}`);
  t.true(ses.length === ours.length, 'the ses side ran');
});
