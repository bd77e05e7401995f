// The evaluation entry points of one compartment: scripts (`evaluate`, the compartment's `eval`),
// expressions with extra endowments (`evaluateExpr`), and the compartment's `Function`. Applies
// transforms, builds the extra lexical scope, then runs the compiled code (evaluator.ts) with the
// compartment's global object. No side effects beyond what the guest code does.
import {
  arraySort,
  create,
  getOwnPropertyDescriptors,
  jsonStringify,
  kindOf,
  ownKeys,
  stringCompare,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import type { ResolvedEvaluateOptions, Transform } from './compartment-options.js';
import { compileExpression, compileFunction, compileScript, run } from './evaluator.js';
import type { LexicalNames } from './evaluator.js';

const applyTransforms = (api: string, source: string, transforms: readonly Transform[]): string => {
  let text = source;
  for (let i = 0; i < transforms.length; i += 1) {
    const result: unknown = transforms[i](text);
    if (typeof result !== 'string') {
      throw makeTypeError(api, `transform ${i} returned a value of kind ${kindOf(result)}, not a string`, codes.SOURCE_NOT_STRING);
    }
    text = result;
  }
  return text;
};

/**
 * A private copy of `bindings` (own properties, accessors kept, as ses copies module lexicals) and
 * the set of its names; undefined if it has no string-named property.
 */
const lexicalScope = (bindings: object): { scope: object; names: LexicalNames } | undefined => {
  const keys = ownKeys(bindings);
  const names: string[] = [];
  for (let i = 0; i < keys.length; i += 1) if (typeof keys[i] === 'string') names[names.length] = keys[i] as string;
  if (names.length === 0) return undefined;
  arraySort(names, stringCompare);
  const set = create(null) as Record<string, true>;
  for (let i = 0; i < names.length; i += 1) set[names[i]] = true;
  const scope: object = create(null, getOwnPropertyDescriptors(bindings));
  // JSON keeps the tag unambiguous whatever characters the names have.
  return { scope, names: { set, tag: jsonStringify(names) } };
};

const checkSource = (api: string, source: unknown): string => {
  if (typeof source !== 'string') {
    throw makeTypeError(api, `source must be a string, got a value of kind ${kindOf(source)}`, codes.SOURCE_NOT_STRING);
  }
  return source;
};

/**
 * `compartment.evaluate(source, options)` and the compartment's `eval(source)`: a strict script.
 * `transforms` are the compartment's (`transforms` then `__shimTransforms__`).
 */
export const evaluateScript = (
  globalObject: object,
  transforms: readonly Transform[],
  source: unknown,
  options: ResolvedEvaluateOptions,
  api = 'Compartment.evaluate()',
): unknown => {
  let text = checkSource(api, source);
  const { localTransforms, lexicals } = options;
  if (localTransforms.length > 0) text = applyTransforms(api, text, localTransforms);
  // As in ses, the compartment's transforms do not apply to module code (which has lexicals).
  if (lexicals === undefined) {
    if (transforms.length > 0) text = applyTransforms(api, text, transforms);
    return run(compileScript(globalObject, text, options.sloppyGlobalsMode, null), globalObject, undefined);
  }
  const extra = lexicalScope(lexicals);
  const runner = compileScript(globalObject, text, options.sloppyGlobalsMode, extra === undefined ? null : extra.names);
  return run(runner, globalObject, extra?.scope);
};

/**
 * `compartment.evaluateExpr(source, endowments)`: one expression, in which the endowments' names
 * are bindings of an extra scope seen before the globals, for this evaluation only.
 */
export const evaluateExpression = (globalObject: object, source: unknown, endowments: unknown): unknown => {
  const api = 'Compartment.evaluateExpr()';
  const text = checkSource(api, source);
  if (endowments === undefined || endowments === null) return run(compileExpression(globalObject, text, null), globalObject, undefined);
  if (typeof endowments !== 'object' && typeof endowments !== 'function') {
    throw makeTypeError(api, `endowments must be an object, got a value of kind ${kindOf(endowments)}`, codes.BAD_OPTION_VALUE);
  }
  const extra = lexicalScope(endowments);
  const runner = compileExpression(globalObject, text, extra === undefined ? null : extra.names);
  return run(runner, globalObject, extra?.scope);
};

/** The compartment's `Function(params…, body)`: a strict function whose free names are the compartment's globals. */
export const makeFunction = (globalObject: object, params: string, body: string): unknown =>
  run(compileFunction(globalObject, params, body), globalObject, undefined);
