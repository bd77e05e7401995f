// The scope model of the source analysis: lexical scopes reduced to the names they bind, the
// references recorded during a walk, and their resolution once every declaration is known (which
// is all that hoisting and TDZ amount to for free-name analysis). Used by analyze-scopes.ts.
// Each reference also keeps its range and use (reference-kinds.ts) for the evaluator's rewrite.
// No side effects; name sets are null-prototype objects, out of reach of poisoned prototypes.
import { create, keys } from '../commons.js';

export type Names = Record<string, true>;

/** A lexical environment as the spec builds it, reduced to the names it binds. */
export interface Scope {
  readonly parent: Scope | null;
  /** The nearest function-body, static-block or top scope: where `var` declarations land. */
  varScope: Scope;
  names: Names | null;
}

export const makeScope = (parent: Scope | null, isVarScope: boolean): Scope => {
  const scope: Scope = { parent, varScope: null as unknown as Scope, names: null };
  scope.varScope = isVarScope || parent === null ? scope : parent.varScope;
  return scope;
};

export const declare = (scope: Scope, name: string): void => {
  (scope.names ??= create(null) as Names)[name] = true;
};

/** What one walk found. Positions are offsets into the parsed text, -1 when absent. */
export interface ScopeFindings {
  freeNames: string[];
  assignedFreeNames: string[];
  topLevelDeclarations: string[];
  hasDirectEvalCall: boolean;
  usesThis: boolean;
  usesArguments: boolean;
  hasTopLevelAwait: boolean;
  importExpressionAt: number;
  importMetaAt: number;
  moduleDeclarationAt: number;
  /** `a <!--b`: operators in module code that a script parser would read as a comment. */
  htmlLikeOperatorAt: number;
  /** A node type this walker does not know (future syntax): `unsupportedType` at this offset. */
  unsupportedAt: number;
  unsupportedType: string;
  /**
   * The references that resolved to no declaration, as indices into the `ref*` tables, in walk
   * order (which is source order for every reference the rewrite replaces).
   */
  freeReferences: number[];
  /** Per reference (walk order): the identifier's range, its use (reference-kinds.ts) and extra ranges. */
  readonly refNames: string[];
  readonly refStarts: number[];
  readonly refEnds: number[];
  readonly refKinds: number[];
  readonly refAuxA: number[];
  readonly refAuxB: number[];
  /** The operator of REF_COMPOUND and REF_LOGICAL references, without its `=`; '' otherwise. */
  readonly refOps: string[];
  /** Offsets at which an ExpressionStatement starts (where inserted text could change ASI). */
  readonly expressionStatementStarts: number[];
  /** `import.meta` occurrences: start and end offsets, in pairs. */
  readonly importMetaRanges: number[];
  /** `import(…)` calls: the start of `import` and of the specifier expression, in pairs. */
  readonly importCallRanges: number[];
  /** Ends of statements and class fields without a `;` of their own: ASI ended them there. */
  readonly unterminatedEnds: number[];
}

export interface WalkState extends ScopeFindings {
  readonly source: string;
  /**
   * Walking a module to compile it (module-compile.ts): imported names stay free (they become
   * reads of the module's import bindings), and `export { a }` lists are not references (the
   * compiler removes them and exports the bindings itself).
   */
  readonly compilingModule: boolean;
  /** Enclosing contexts with their own `this`: non-arrow functions, field initializers, static blocks. */
  thisDepth: number;
  /** Enclosing function-like contexts of any sort (arrows too): `await` outside all of them is top-level await. */
  functionDepth: number;
  refCount: number;
  readonly refScopes: Scope[];
  readonly refWrites: boolean[];
}

export const first = (current: number, at: number): number => (current < 0 ? at : current);

// References are recorded during the walk and resolved after it, when every scope knows all of its
// declarations: this is what hoisting (and TDZ, for our purposes) amounts to. Each also records
// where and how it is used, for the rewrite: its range, a REF_* kind possibly with REF_* flags
// (reference-kinds.ts), extra offsets and an operator. Passed one by one, not as an object, so
// that recording a reference allocates nothing but the tables' growth.
export const reference = (
  st: WalkState,
  name: string,
  scope: Scope,
  write: boolean,
  start: number,
  end: number,
  kind: number,
  auxA: number,
  auxB: number,
  op: string,
): void => {
  if (name === 'arguments') {
    // Inside a non-arrow function `arguments` is that function's own (strict code cannot rebind it);
    // field initializers and static blocks, where it would be wrong, are early errors in acorn.
    if (st.thisDepth > 0) return;
    st.usesArguments = true;
  }
  const i = st.refCount++;
  st.refNames[i] = name;
  st.refScopes[i] = scope;
  st.refWrites[i] = write;
  st.refStarts[i] = start;
  st.refEnds[i] = end;
  st.refKinds[i] = kind;
  st.refAuxA[i] = auxA;
  st.refAuxB[i] = auxB;
  st.refOps[i] = op;
};

export const unsupported = (st: WalkState, node: { type: string; start: number }): void => {
  if (st.unsupportedAt < 0) {
    st.unsupportedAt = node.start;
    st.unsupportedType = node.type;
  }
};

export const makeWalkState = (source: string, compilingModule: boolean): WalkState => ({
  source,
  compilingModule,
  freeNames: [],
  assignedFreeNames: [],
  topLevelDeclarations: [],
  hasDirectEvalCall: false,
  usesThis: false,
  usesArguments: false,
  hasTopLevelAwait: false,
  importExpressionAt: -1,
  importMetaAt: -1,
  moduleDeclarationAt: -1,
  htmlLikeOperatorAt: -1,
  unsupportedAt: -1,
  unsupportedType: '',
  thisDepth: 0,
  functionDepth: 0,
  refCount: 0,
  refNames: [],
  refScopes: [],
  refWrites: [],
  freeReferences: [],
  refStarts: [],
  refEnds: [],
  refKinds: [],
  refAuxA: [],
  refAuxB: [],
  refOps: [],
  expressionStatementStarts: [],
  importMetaRanges: [],
  importCallRanges: [],
  unterminatedEnds: [],
});

/** Resolves every recorded reference from its scope outwards; unresolved ones are free, in first-occurrence order. */
export const resolveReferences = (st: WalkState, top: Scope): void => {
  const free = create(null) as Names;
  const assigned = create(null) as Names;
  for (let i = 0; i < st.refCount; i += 1) {
    const name = st.refNames[i];
    let scope: Scope | null = st.refScopes[i];
    while (scope !== null && !(scope.names !== null && scope.names[name] === true)) scope = scope.parent;
    if (scope !== null) continue;
    st.freeReferences[st.freeReferences.length] = i;
    if (free[name] !== true) {
      free[name] = true;
      st.freeNames[st.freeNames.length] = name;
    }
    if (st.refWrites[i] && assigned[name] !== true) {
      assigned[name] = true;
      st.assignedFreeNames[st.assignedFreeNames.length] = name;
    }
  }
  // Identifiers never look like array indices, so `keys` returns them in declaration order.
  if (top.names !== null) st.topLevelDeclarations = keys(top.names);
};
