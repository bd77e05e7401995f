// Which data properties of shared prototypes become accessor pairs so that assignment still
// overrides them on inheriting objects after freezing (the "override mistake": in a frozen
// prototype, a non-writable data property makes `obj.toString = f` fail on every heir).
// Data only: the name of an intrinsic → '*' (all its data properties) or the listed keys
// (spelled as in permits.ts). Each level includes the previous one. Comments name real
// packages known to assign the property.
import type { PermitRef } from './types.js';

export type Enablements = { readonly [name: PermitRef]: '*' | readonly string[] };

const errorFields = ['message', 'name'] as const;

/** The least: what common tools (rollup, ava, precond, node-fetch) assign. */
export const minEnablements = {
  '%ObjectPrototype%': ['toString'],
  '%FunctionPrototype%': ['toString'], // rollup
  '%ErrorPrototype%': ['name'], // precond, ava, node-fetch
  '%IteratorPrototype%': ['toString', 'constructor', '@@toStringTag'],
} as const satisfies Enablements;

/** The default: what a broad survey of npm packages assigns. */
export const moderateEnablements = {
  ...minEnablements,
  '%ObjectPrototype%': ['toString', 'valueOf'],
  '%FunctionPrototype%': ['toString', 'constructor', 'bind'], // regenerator-runtime, underscore, express
  '%ErrorPrototype%': ['name', 'constructor', 'message', 'toString'], // fast-json-patch, bluebird
  '%IteratorPrototype%': ['toString', 'constructor', '@@toStringTag', '@@iterator'],
  '%ArrayPrototype%': ['toString', 'push', 'concat', '@@iterator'], // analytics snippets, mobx output
  '%TypeErrorPrototype%': ['constructor', ...errorFields], // readable-stream, tape
  '%SyntaxErrorPrototype%': errorFields,
  '%RangeErrorPrototype%': errorFields,
  '%URIErrorPrototype%': errorFields,
  '%EvalErrorPrototype%': errorFields,
  '%ReferenceErrorPrototype%': errorFields,
  '%AggregateErrorPrototype%': errorFields,
  '%PromisePrototype%': ['constructor'], // core-js
  '%TypedArrayPrototype%': '*', // the `buffer` package
  '%Generator%': ['constructor', 'name', 'toString'],
} as const satisfies Enablements;

/** The most: every data property of the most-extended prototypes. */
export const severeEnablements = {
  ...moderateEnablements,
  '%ObjectPrototype%': '*',
  '%MapPrototype%': '*',
  '%SetPrototype%': '*',
} as const satisfies Enablements;
