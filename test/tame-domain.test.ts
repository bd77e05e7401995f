// Unit: tameDomain(), each case in a child process, since it redefines `process.domain` for good.
import test from 'ava';
import { childJson } from './_child.js';

const script = (before: string, taming: string, after: string) => `
  ${before}
  const { tameDomain } = await import('SRC/lockdown/tame-domain.js');
  const out = {};
  try { tameDomain('${taming}'); out.tamed = true; } catch (e) { out.tamed = false; out.error = e.message; }
  const d = Object.getOwnPropertyDescriptor(process, 'domain');
  out.domain = { value: d.value, writable: d.writable, configurable: d.configurable, accessor: 'get' in d };
  ${after}
  console.log(JSON.stringify(out));
`;
const loadDomainAfter = `
  try { await import('node:domain'); out.loaded = true; } catch (e) { out.loaded = false; out.loadError = e.message; }
  out.promiseDomain = 'domain' in Promise.resolve();
`;

test("'safe' blocks the domain module for the future", t => {
  const r = childJson(script('', 'safe', loadDomainAfter));
  t.true(r.tamed);
  t.deepEqual(r.domain, { value: null, writable: false, configurable: false, accessor: false });
  t.false(r.loaded);
  t.regex(r.loadError, /domain/);
  t.false(r.promiseDomain);
});

test("'safe' refuses once domains are initialized (PF_NO_DOMAINS)", t => {
  const r = childJson(script(`await import('node:domain');`, 'safe', ''));
  t.false(r.tamed);
  t.regex(r.error, /^lockdown\(\): Node\.js domains are initialized.*\(PF_NO_DOMAINS\)$/);
});

test("'safe' twice is harmless", t => {
  const r = childJson(script(`(await import('SRC/lockdown/tame-domain.js')).tameDomain('safe');`, 'safe', ''));
  t.true(r.tamed);
});

test("'unsafe' changes nothing", t => {
  const r = childJson(script('', 'unsafe', loadDomainAfter));
  t.true(r.tamed);
  t.true(r.loaded);
});
