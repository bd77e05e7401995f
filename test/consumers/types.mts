// Type-level test of the bundled types, compiled by tsc in a consumer project and never run. The
// test copies it as types-esm.mts and types-cjs.cts (moduleResolution nodenext: the .d.ts and the
// .d.cts) and as types-bundler.ts (moduleResolution bundler).
import { Compartment, harden, lockdown, type Harden, type LockdownOptions } from 'permafrost';
import * as lockdownOnly from 'permafrost/lockdown';
import { makeSESRootRealm } from 'permafrost/legacy';

const options: LockdownOptions = { errorTaming: 'unsafe', evalTaming: 'safe-eval' };
// @ts-expect-error: a misspelled option is a type error
const misspelled: LockdownOptions = { errorTamin: 'unsafe' };
// @ts-expect-error: so is a value outside the choices
const badValue: LockdownOptions = { evalTaming: 'maybe' };
lockdown(options);
const hardened: { a: number[] } = harden({ a: [1] });
const sameHarden: Harden = lockdownOnly.harden;
const result: unknown = new Compartment().evaluate('1');
// @ts-expect-error: the lockdown-only entry has no Compartment
void lockdownOnly.Compartment;
export const used = [misspelled, badValue, hardened, sameHarden, result, makeSESRootRealm];
