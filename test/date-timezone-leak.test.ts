// Attack: learn where (and in which language) the host runs by reading Date and locale results.
// Runs test/fixtures/date-locale-battery.ts in child processes under different TZ and LANG/LC_ALL
// and requires byte-identical output after taming, and different output without it (so this test
// can fail). With localeTaming 'unsafe' the language may show, but the time zone still must not.
import test from 'ava';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const fixture = fileURLToPath(new URL('./fixtures/date-locale-battery.js', import.meta.url));
const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe'];
const locales = ['C', 'de_DE.UTF-8', 'ja_JP.UTF-8', 'ar_EG.UTF-8'];

type Outcome = { zone: string; locale: string; stdout: string; stderr: string; ok: boolean };

const battery = async (mode: string, zone: string, locale: string): Promise<Outcome> => {
  const env = { ...process.env, TZ: zone, LANG: locale, LC_ALL: locale, LANGUAGE: '' };
  try {
    const { stdout, stderr } = await run(process.execPath, [fixture, mode], { env, maxBuffer: 1 << 24 });
    return { zone, locale, stdout, stderr, ok: true };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { zone, locale, stdout: err.stdout ?? '', stderr: err.stderr ?? String(e), ok: false };
  }
};
const matrix = (mode: string, zs = zones, ls = locales): Promise<Outcome[]> =>
  Promise.all(zs.flatMap(zone => ls.map(locale => battery(mode, zone, locale))));

/** The keys whose values differ between two battery outputs, for readable failures. */
const diffKeys = (a: string, b: string): string[] => {
  const x = JSON.parse(a) as Record<string, Record<string, string>>;
  const y = JSON.parse(b) as Record<string, Record<string, string>>;
  return Object.keys(x).flatMap(realm =>
    Object.keys(x[realm]!)
      .filter(k => x[realm]![k] !== y[realm]?.[k])
      .map(k => `${realm}.${k}: ${JSON.stringify(x[realm]![k])} vs ${JSON.stringify(y[realm]?.[k])}`),
  );
};
const assertAllIdentical = (t: import('ava').ExecutionContext, outcomes: Outcome[]): void => {
  const failed = outcomes.filter(o => !o.ok);
  if (failed.length > 0) {
    t.fail(failed.map(o => `${o.zone} ${o.locale}: ${o.stderr}`).join('\n'));
    return;
  }
  const [first, ...rest] = outcomes;
  for (const o of rest) {
    t.deepEqual(diffKeys(first!.stdout, o.stdout), [], `${first!.zone}/${first!.locale} vs ${o.zone}/${o.locale}`);
    t.is(o.stdout, first!.stdout);
  }
};
const distinct = (outcomes: Outcome[]): number => new Set(outcomes.map(o => o.stdout)).size;

test('control: without taming, the battery reveals both the time zone and the locale', async t => {
  const byZone = await matrix('none', zones, ['C']);
  const byLocale = await matrix('none', ['UTC'], locales);
  for (const o of [...byZone, ...byLocale]) t.true(o.ok, o.stderr);
  t.is(distinct(byZone), zones.length, 'every zone is distinguishable');
  t.is(distinct(byLocale), locales.length, 'every locale is distinguishable');
});

test('tameDate + localeTaming safe: byte-identical output in every zone and locale', async t => {
  const outcomes = await matrix('tame');
  assertAllIdentical(t, outcomes);
  const { initial, shared } = JSON.parse(outcomes[0]!.stdout) as Record<string, unknown>;
  t.deepEqual(initial, shared, '%InitialDate% and %SharedDate% agree on everything but the clock');
});

test('tameDate + localeTaming unsafe: the locale shows, the time zone never does', async t => {
  const outcomes = await matrix('tame-unsafe-locale');
  for (const locale of locales) assertAllIdentical(t, outcomes.filter(o => o.locale === locale));
  t.is(distinct(outcomes), locales.length);
});

for (const mode of ['lockdown', 'lockdown-unsafe-locale']) {
  test(`the same through lockdown() (${mode})`, async t => {
    const outcomes = await matrix(mode);
    if (mode === 'lockdown') {
      assertAllIdentical(t, outcomes);
    } else {
      for (const locale of locales) assertAllIdentical(t, outcomes.filter(o => o.locale === locale));
    }
  });
}
