// The `permafrost/legacy` entry point: the seed SES (0.6) realm API over Permafrost's compartments,
// `makeSESRootRealm(options)`, and the types of `makeRequire`. Importing it has the side effects
// of importing `permafrost` (the same single instance: see rollup.config.js), nothing more.
import '../index.js';

export { makeSESRootRealm, type SESRootRealm } from './ses-root-realm.js';
export type { Mode, ModeName, SESRootRealmOptions } from './realm-options.js';
export type { AttenuatorEntry, Require, RequireConfig, RequireEntry } from '../compartment/make-require.js';
