// `makeSESRootRealm(options)`, the seed SES (0.6) realm API, over one Compartment: `r.evaluate`,
// `r.global` (frozen, as in the seed), `r.makeRequire`, and inside the realm a global `SES` with
// `confine`, `confineExpr`, `makeSESRootRealm`, `harden`. In Permafrost there is one JavaScript
// realm, so errors thrown inside are already the caller's (see docs/legacy.md).
// Assumes lockdown() has run. No side effects at load.
import { assign, freeze, isObject, kindOf } from '../commons.js';
import { Compartment } from '../compartment/compartment.js';
import type { Require, RequireConfig } from '../compartment/make-require.js';
import { codes, makeTypeError } from '../errors.js';
import { harden as publicHarden } from '../harden.js';
import { getIntrinsics, getLockdownHarden } from '../lockdown/lockdown.js';
import { markOwn } from '../lockdown/own-functions.js';
import { checkGranted, resolveRealmOptions } from './realm-options.js';
import type { ResolvedRealmOptions, SESRootRealmOptions } from './realm-options.js';
import { makeRealmPowers } from './realm-powers.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- guest values are untyped, as in the seed */
/** What `makeSESRootRealm` returns (the seed's "realm controller"). Hardened. */
export interface SESRootRealm {
  /** The realm's global object: frozen, as in the seed. */
  readonly global: Record<PropertyKey, any>;
  /** Evaluates `code` as a strict script; `endowments` are bindings seen by this evaluation only. */
  evaluate(code: string, endowments?: object | null): any;
  /** A `require` for code in this realm; see Compartment.prototype.makeRequire. */
  makeRequire(config: RequireConfig): Require;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const checkCode = (api: string, code: unknown): string => {
  if (typeof code !== 'string') {
    throw makeTypeError(api, `code must be a string, got a value of kind ${kindOf(code)}`, codes.SOURCE_NOT_STRING);
  }
  return code;
};

const checkEndowments = (api: string, endowments: unknown): object | undefined => {
  if (endowments === undefined || endowments === null) return undefined;
  if (!isObject(endowments)) {
    throw makeTypeError(api, `endowments must be an object, got a value of kind ${kindOf(endowments)}`, codes.BAD_OPTION_VALUE);
  }
  return endowments;
};

/** Makes a realm; `parent` is the realm whose `SES.makeSESRootRealm` was called, if any. */
const makeRealm = (api: string, options: unknown, parent: ResolvedRealmOptions | undefined): SESRootRealm => {
  const harden = getLockdownHarden();
  const intrinsics = getIntrinsics();
  if (harden === undefined || intrinsics === undefined) {
    throw makeTypeError(api, 'call lockdown() first', codes.NOT_LOCKED_DOWN);
  }
  const resolved = resolveRealmOptions(api, options);
  if (parent !== undefined) checkGranted(api, resolved, parent);
  const { transforms } = resolved;
  const powers = makeRealmPowers(intrinsics, harden, resolved);

  // Filled in once the compartment exists; `SES` must be among its globals from the start.
  const SES: Record<string, unknown> = {};
  const compartment = new Compartment({
    __options__: true,
    name: 'SES root realm',
    globals: assign({}, powers.globals, { SES }),
  });

  // The seed evaluates every script in the realm's one (frozen) global object with the
  // endowments as an extra scope: declarations stay local to one evaluation, nothing is shared
  // through the global object, and the realm's own transforms apply to each source.
  const run = (evalApi: string, code: unknown, endowments: unknown): unknown => {
    const source = checkCode(evalApi, code);
    const lexicals = checkEndowments(evalApi, endowments);
    return compartment.evaluate(source, lexicals === undefined ? { transforms } : { transforms, __moduleShimLexicals__: lexicals });
  };
  // Concise methods: strict, named, not constructors.
  const methods = {
    evaluate(code: string, endowments: object | null | undefined = undefined): unknown {
      return run('realm.evaluate()', code, endowments);
    },
    confine(code: string, endowments: object | null | undefined = undefined): unknown {
      return run('SES.confine()', code, endowments);
    },
    // Seed: `evaluate(`(${code})`, endowments)`. The newline keeps a trailing line comment from
    // swallowing the parenthesis.
    confineExpr(code: string, endowments: object | null | undefined = undefined): unknown {
      return run('SES.confineExpr()', `(${checkCode('SES.confineExpr()', code)}\n)`, endowments);
    },
    makeSESRootRealm(innerOptions: SESRootRealmOptions | undefined = undefined): SESRootRealm {
      return makeRealm('SES.makeSESRootRealm()', innerOptions, resolved);
    },
    makeRequire(config: RequireConfig): Require {
      return compartment.makeRequire(config);
    },
  };
  assign(SES, powers.ses, {
    confine: markOwn(methods.confine),
    confineExpr: markOwn(methods.confineExpr),
    makeSESRootRealm: markOwn(methods.makeSESRootRealm),
    harden: publicHarden,
  });

  // Frozen, with everything it holds: the powers above, SES, the compartment's own evaluators.
  const global = harden(compartment.globalThis);
  return harden({
    global,
    evaluate: markOwn(methods.evaluate),
    makeRequire: markOwn(methods.makeRequire),
  }) as SESRootRealm;
};

/**
 * Makes a seed-SES root realm: a frozen global object over the shared frozen intrinsics, with
 * the powers that `options` allow (`consoleMode`, `errorStackMode`, `mathRandomMode`,
 * `dateNowMode`, `intlMode`, `regexpMode`: 'allow' or 'deny', default 'deny'). Requires
 * `lockdown()` first. See docs/legacy.md.
 */
export const makeSESRootRealm = (options: SESRootRealmOptions | undefined = undefined): SESRootRealm =>
  makeRealm('makeSESRootRealm()', options, undefined);
freeze(makeSESRootRealm);
markOwn(makeSESRootRealm);
