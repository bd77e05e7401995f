// One walk over an acorn AST of strict code: a scope analysis (free names, assigned free names,
// top-level declarations, `this`/`arguments` at top level) and the findings that analyze-source.ts
// turns into rejections (`import(…)`, `import.meta`, module declarations, `<!--` operators).
// Assumes the AST came from acorn with strict semantics (no `with`, `eval`/`arguments` unbindable,
// block-scoped function declarations). Fails closed: a node type it does not know is a finding.
// Every reference also records its range and use (reference-kinds.ts) for the evaluator's rewrite.
// No side effects; sets are null-prototype objects, so poisoned prototypes cannot reach them.
import type {
  AnonymousFunctionDeclaration,
  AnyNode,
  ArrowFunctionExpression,
  AssignmentExpression,
  BinaryExpression,
  CallExpression,
  Class,
  FunctionDeclaration,
  FunctionExpression,
  LogicalExpression,
  MemberExpression,
  Pattern,
  Program,
  Statement,
  UpdateExpression,
  VariableDeclaration,
} from 'acorn';
import { stringCharCodeAt, stringSlice } from '../commons.js';
import {
  declare,
  first,
  makeScope,
  makeWalkState,
  reference,
  resolveReferences,
  unsupported,
} from './scope-tracker.js';
import type { Scope, ScopeFindings, WalkState } from './scope-tracker.js';
import {
  REF_ANONYMOUS_VALUE,
  REF_ASSIGN,
  REF_CALLEE,
  REF_COMPOUND,
  REF_DEFAULT,
  REF_LOGICAL,
  REF_READ,
  REF_SHORTHAND,
  REF_TARGET,
  REF_TYPEOF,
  REF_UPDATE,
} from './reference-kinds.js';

export type { ScopeFindings } from './scope-tracker.js';

/** Records the end of a statement or class field that has no `;` of its own (it ended by ASI). */
const unterminated = (st: WalkState, node: { end: number }): void => {
  if (stringCharCodeAt(st.source, node.end - 1) !== 59 /* ; */) st.unterminatedEnds[st.unterminatedEnds.length] = node.end;
};

const visitAll = (st: WalkState, nodes: readonly (AnyNode | null | undefined)[], scope: Scope): void => {
  for (let i = 0; i < nodes.length; i += 1) visit(st, nodes[i], scope);
};

/** Binds the names of a declaration pattern in `target`; defaults and computed keys run in `scope`. */
const declarePattern = (st: WalkState, p: Pattern, target: Scope, scope: Scope): void => {
  switch (p.type) {
    case 'Identifier':
      declare(target, p.name);
      return;
    case 'ObjectPattern':
      for (let i = 0; i < p.properties.length; i += 1) {
        const prop = p.properties[i];
        if (prop.type === 'RestElement') declarePattern(st, prop.argument, target, scope);
        else {
          if (prop.computed) visit(st, prop.key, scope);
          declarePattern(st, prop.value, target, scope);
        }
      }
      return;
    case 'ArrayPattern':
      for (let i = 0; i < p.elements.length; i += 1) {
        const element = p.elements[i];
        if (element) declarePattern(st, element, target, scope);
      }
      return;
    case 'AssignmentPattern':
      declarePattern(st, p.left, target, scope);
      visit(st, p.right, scope);
      return;
    case 'RestElement':
      declarePattern(st, p.argument, target, scope);
      return;
    default:
      unsupported(st, p); // a member expression cannot be a binding: acorn never produces one here
  }
};

/** A reference to `id` used as `kind` (reference-kinds.ts). */
const referenceAs = (
  st: WalkState,
  id: { name: string; start: number; end: number },
  scope: Scope,
  write: boolean,
  kind: number,
  auxA = -1,
  auxB = -1,
  op = '',
): void => reference(st, id.name, scope, write, id.start, id.end, kind, auxA, auxB, op);

/** Whether evaluating `node` is a NamedEvaluation: an anonymous function, arrow or class (ECMA-262 IsAnonymousFunctionDefinition). */
const isAnonymousFunctionDefinition = (node: AnyNode): boolean =>
  node.type === 'ArrowFunctionExpression' ||
  ((node.type === 'FunctionExpression' || node.type === 'ClassExpression') && !node.id);

/**
 * Walks an assignment target (`x = …`, `x++`, `[x] = …`, `for (x of …)`): identifiers are writes.
 * `flags` is REF_SHORTHAND for the value of a shorthand property of an object pattern.
 */
const assignTarget = (st: WalkState, p: AnyNode, scope: Scope, flags = 0): void => {
  switch (p.type) {
    case 'Identifier':
      referenceAs(st, p, scope, true, REF_TARGET | flags);
      return;
    case 'MemberExpression':
      visit(st, p, scope);
      return;
    case 'ObjectPattern':
      for (let i = 0; i < p.properties.length; i += 1) {
        const prop = p.properties[i];
        if (prop.type === 'RestElement') assignTarget(st, prop.argument, scope);
        else {
          if (prop.computed) visit(st, prop.key, scope);
          assignTarget(st, prop.value, scope, prop.shorthand ? REF_SHORTHAND : 0);
        }
      }
      return;
    case 'ArrayPattern':
      for (let i = 0; i < p.elements.length; i += 1) {
        const element = p.elements[i];
        if (element) assignTarget(st, element, scope);
      }
      return;
    case 'AssignmentPattern':
      if (p.left.type === 'Identifier') {
        const anonymous = isAnonymousFunctionDefinition(p.right) ? REF_ANONYMOUS_VALUE : 0;
        referenceAs(st, p.left, scope, true, REF_TARGET | REF_DEFAULT | anonymous | flags, p.right.start, p.right.end);
      } else assignTarget(st, p.left, scope);
      visit(st, p.right, scope);
      return;
    case 'RestElement':
      assignTarget(st, p.argument, scope);
      return;
    case 'ParenthesizedExpression':
      assignTarget(st, p.expression, scope);
      return;
    default:
      unsupported(st, p);
  }
};

/** `x = v`, `x += v`, `x ??= v`, ...; or a member expression or pattern on the left. */
const visitAssignment = (st: WalkState, node: AssignmentExpression, scope: Scope): void => {
  const { left, right, operator } = node;
  if (left.type === 'Identifier') {
    const op = stringSlice(operator, 0, -1);
    const logical = op === '||' || op === '&&' || op === '??';
    const kind = op === '' ? REF_ASSIGN : logical ? REF_LOGICAL : REF_COMPOUND;
    const anonymous = kind !== REF_COMPOUND && isAnonymousFunctionDefinition(right) ? REF_ANONYMOUS_VALUE : 0;
    referenceAs(st, left, scope, true, kind | anonymous, node.start, node.end, op);
  } else assignTarget(st, left, scope);
  visit(st, right, scope);
};

const visitUpdate = (st: WalkState, node: UpdateExpression, scope: Scope): void => {
  if (node.argument.type === 'Identifier') {
    referenceAs(st, node.argument, scope, true, REF_UPDATE, node.start, node.end);
  } else assignTarget(st, node.argument, scope);
};

const visitDeclaration = (st: WalkState, node: VariableDeclaration, scope: Scope): void => {
  const target = node.kind === 'var' ? scope.varScope : scope;
  if (node.kind === 'await using' && st.functionDepth === 0) st.hasTopLevelAwait = true;
  for (let i = 0; i < node.declarations.length; i += 1) {
    const d = node.declarations[i];
    declarePattern(st, d.id, target, scope);
    visit(st, d.init, scope);
  }
};

type FunctionNode = FunctionDeclaration | AnonymousFunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

// Scopes of a function, outermost first: the name of a named function expression; the parameters
// (their defaults cannot see the body's declarations, ECMA-262 FunctionDeclarationInstantiation
// step 28); the body, which is the var scope.
const visitFunction = (st: WalkState, fn: FunctionNode, scope: Scope): void => {
  let outer = scope;
  if (fn.type === 'FunctionExpression' && fn.id) {
    outer = makeScope(scope, false);
    declare(outer, fn.id.name);
  }
  const isArrow = fn.type === 'ArrowFunctionExpression';
  if (!isArrow) st.thisDepth += 1;
  st.functionDepth += 1;
  const params = makeScope(outer, true);
  for (let i = 0; i < fn.params.length; i += 1) declarePattern(st, fn.params[i], params, params);
  const { body } = fn;
  if (body.type === 'BlockStatement') {
    visitAll(st, body.body as unknown as Statement[], makeScope(params, true));
  } else visit(st, body, params);
  st.functionDepth -= 1;
  if (!isArrow) st.thisDepth -= 1;
};

// The class scope binds the class's own name; `extends` and computed keys are evaluated in it with
// the outer `this`. Methods, field initializers and static blocks each get their own `this`.
const visitClass = (st: WalkState, cls: Class, scope: Scope): void => {
  const inner = makeScope(scope, false);
  if (cls.id) declare(inner, cls.id.name);
  visit(st, cls.superClass, inner);
  const members = cls.body.body;
  for (let i = 0; i < members.length; i += 1) {
    const m = members[i];
    if (m.type === 'StaticBlock') {
      st.thisDepth += 1;
      st.functionDepth += 1;
      visitAll(st, m.body, makeScope(inner, true));
      st.functionDepth -= 1;
      st.thisDepth -= 1;
    } else if (m.type === 'MethodDefinition' || m.type === 'PropertyDefinition') {
      if (m.type === 'PropertyDefinition') unterminated(st, m);
      if (m.computed) visit(st, m.key, inner);
      if (m.type === 'MethodDefinition') visitFunction(st, m.value, inner);
      else if (m.value) {
        st.thisDepth += 1;
        st.functionDepth += 1;
        visit(st, m.value, makeScope(inner, true));
        st.functionDepth -= 1;
        st.thisDepth -= 1;
      }
    } else unsupported(st, m);
  }
};

// Long left-leaning chains (`a + b + …`, `a.b(c).d(e)…`, as generated code has) are walked down
// their left spine with a loop, not recursion, so that their length does not exhaust the stack.

type OperatorNode = BinaryExpression | LogicalExpression;

const visitOperatorChain = (st: WalkState, node: OperatorNode, scope: Scope): void => {
  const spine: OperatorNode[] = [];
  let base: AnyNode = node;
  while (base.type === 'BinaryExpression' || base.type === 'LogicalExpression') {
    spine[spine.length] = base;
    base = base.left;
  }
  visit(st, base, scope);
  for (let i = spine.length - 1; i >= 0; i -= 1) {
    const op = spine[i];
    const at = op.right.start;
    // `a <!--b` in module code is `a < !(--b)`; as a script the same text starts a comment
    // (ECMA-262 B.1.1). The `<` operator is the character just before `!`: no comment ends in `<`.
    if (
      op.operator === '<' &&
      stringCharCodeAt(st.source, at - 1) === 60 /* < */ &&
      stringCharCodeAt(st.source, at) === 33 /* ! */ &&
      stringCharCodeAt(st.source, at + 1) === 45 /* - */ &&
      stringCharCodeAt(st.source, at + 2) === 45 /* - */
    ) {
      st.htmlLikeOperatorAt = first(st.htmlLikeOperatorAt, at - 1);
    }
    visit(st, op.right, scope);
  }
};

type AccessNode = MemberExpression | CallExpression;

const visitAccessChain = (st: WalkState, node: AccessNode, scope: Scope): void => {
  const spine: AccessNode[] = [];
  let base: AnyNode = node;
  while (base.type === 'MemberExpression' || base.type === 'CallExpression') {
    spine[spine.length] = base;
    base = base.type === 'MemberExpression' ? base.object : base.callee;
  }
  // `x(…)` (also `x?.(…)`): a call whose callee is a bare identifier has an undefined `this`.
  const innermost = spine[spine.length - 1];
  if (base.type === 'Identifier' && innermost.type === 'CallExpression') {
    referenceAs(st, base, scope, false, REF_CALLEE);
  } else visit(st, base, scope);
  for (let i = spine.length - 1; i >= 0; i -= 1) {
    const access = spine[i];
    if (access.type === 'MemberExpression') {
      if (access.computed) visit(st, access.property, scope);
    } else {
      // A direct eval is a call whose callee is the identifier `eval`, parenthesized or not
      // (ECMA-262 13.3.6.1); `eval?.(x)`, `(0, eval)(x)` and tagged templates are indirect.
      const { callee } = access;
      if (callee.type === 'Identifier' && callee.name === 'eval' && !access.optional) st.hasDirectEvalCall = true;
      visitAll(st, access.arguments, scope);
    }
  }
};

const visit = (st: WalkState, node: AnyNode | null | undefined, scope: Scope): void => {
  if (!node) return;
  switch (node.type) {
    case 'Identifier':
      referenceAs(st, node, scope, false, REF_READ);
      return;
    case 'Literal':
    case 'TemplateElement':
    case 'Super':
    case 'PrivateIdentifier':
    case 'EmptyStatement':
    case 'DebuggerStatement':
    case 'BreakStatement': // labels are not names
    case 'ContinueStatement':
      return;
    case 'ThisExpression':
      if (st.thisDepth === 0) st.usesThis = true;
      return;
    case 'ExpressionStatement':
      st.expressionStatementStarts[st.expressionStatementStarts.length] = node.start;
      unterminated(st, node);
      visit(st, node.expression, scope);
      return;
    case 'BlockStatement':
      visitAll(st, node.body as unknown as Statement[], makeScope(scope, false));
      return;
    case 'IfStatement':
    case 'ConditionalExpression':
      visit(st, node.test, scope);
      visit(st, node.consequent, scope);
      visit(st, node.alternate, scope);
      return;
    case 'LabeledStatement':
      visit(st, node.body, scope);
      return;
    case 'WithStatement': // an early error in strict code; walked anyway
      visit(st, node.object, scope);
      visit(st, node.body, scope);
      return;
    case 'SwitchStatement': {
      visit(st, node.discriminant, scope);
      const inner = makeScope(scope, false);
      for (let i = 0; i < node.cases.length; i += 1) {
        visit(st, node.cases[i].test, inner);
        visitAll(st, node.cases[i].consequent, inner);
      }
      return;
    }
    case 'UnaryExpression':
      if (node.operator === 'typeof' && node.argument.type === 'Identifier') {
        referenceAs(st, node.argument, scope, false, REF_TYPEOF);
      } else visit(st, node.argument, scope);
      return;
    case 'ReturnStatement':
    case 'ThrowStatement':
      unterminated(st, node);
      visit(st, node.argument, scope);
      return;
    case 'SpreadElement':
    case 'YieldExpression':
      visit(st, node.argument, scope);
      return;
    case 'AwaitExpression':
      if (st.functionDepth === 0) st.hasTopLevelAwait = true;
      visit(st, node.argument, scope);
      return;
    case 'TryStatement':
      visit(st, node.block, scope);
      if (node.handler) {
        const catchScope = makeScope(scope, false);
        if (node.handler.param) declarePattern(st, node.handler.param, catchScope, catchScope);
        visit(st, node.handler.body, catchScope);
      }
      visit(st, node.finalizer, scope);
      return;
    case 'WhileStatement':
      visit(st, node.test, scope);
      visit(st, node.body, scope);
      return;
    case 'DoWhileStatement':
      visit(st, node.body, scope);
      visit(st, node.test, scope);
      return;
    case 'ForStatement': {
      const inner = makeScope(scope, false);
      // A declaration in the head is not a statement: it never ends by ASI.
      if (node.init?.type === 'VariableDeclaration') visitDeclaration(st, node.init, inner);
      else visit(st, node.init, inner);
      visit(st, node.test, inner);
      visit(st, node.update, inner);
      visit(st, node.body, inner);
      return;
    }
    case 'ForInStatement':
    case 'ForOfStatement': {
      if (node.type === 'ForOfStatement' && node.await && st.functionDepth === 0) st.hasTopLevelAwait = true;
      const inner = makeScope(scope, false);
      if (node.left.type === 'VariableDeclaration') visitDeclaration(st, node.left, inner);
      else assignTarget(st, node.left, inner);
      visit(st, node.right, inner);
      visit(st, node.body, inner);
      return;
    }
    case 'VariableDeclaration':
      unterminated(st, node);
      visitDeclaration(st, node, scope);
      return;
    case 'FunctionDeclaration':
      // Strict code: block-level functions are block scoped (no Annex B.3.3 hoisting).
      if (node.id) declare(scope, node.id.name);
      visitFunction(st, node, scope);
      return;
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      visitFunction(st, node, scope);
      return;
    case 'ClassDeclaration':
      if (node.id) declare(scope, node.id.name);
      visitClass(st, node, scope);
      return;
    case 'ClassExpression':
      visitClass(st, node, scope);
      return;
    case 'ArrayExpression':
      visitAll(st, node.elements, scope);
      return;
    case 'ObjectExpression':
      visitAll(st, node.properties, scope);
      return;
    case 'Property': // in an object literal: `{a}` reads a; methods are functions
      if (node.computed) visit(st, node.key, scope);
      if (node.shorthand && node.value.type === 'Identifier') {
        referenceAs(st, node.value, scope, false, REF_READ | REF_SHORTHAND);
      } else visit(st, node.value, scope);
      return;
    case 'UpdateExpression':
      visitUpdate(st, node, scope);
      return;
    case 'AssignmentExpression':
      visitAssignment(st, node, scope);
      return;
    case 'BinaryExpression':
    case 'LogicalExpression':
      visitOperatorChain(st, node, scope);
      return;
    case 'MemberExpression':
    case 'CallExpression':
      visitAccessChain(st, node, scope);
      return;
    case 'NewExpression':
      visit(st, node.callee, scope);
      visitAll(st, node.arguments, scope);
      return;
    case 'SequenceExpression':
      visitAll(st, node.expressions, scope);
      return;
    case 'TemplateLiteral':
      visitAll(st, node.expressions, scope);
      return;
    case 'TaggedTemplateExpression':
      if (node.tag.type === 'Identifier') referenceAs(st, node.tag, scope, false, REF_CALLEE);
      else visit(st, node.tag, scope);
      visit(st, node.quasi, scope);
      return;
    case 'ChainExpression':
    case 'ParenthesizedExpression':
      visit(st, node.expression, scope);
      return;
    case 'MetaProperty':
      if (node.meta.name === 'import') {
        st.importMetaAt = first(st.importMetaAt, node.start);
        pushPair(st.importMetaRanges, node.start, node.end);
      }
      return;
    case 'ImportExpression':
      st.importExpressionAt = first(st.importExpressionAt, node.start);
      pushPair(st.importCallRanges, node.start, node.source.start);
      visit(st, node.source, scope);
      visit(st, node.options, scope);
      return;
    case 'ImportDeclaration':
      st.moduleDeclarationAt = first(st.moduleDeclarationAt, node.start);
      if (!st.compilingModule) {
        for (let i = 0; i < node.specifiers.length; i += 1) declare(scope, node.specifiers[i].local.name);
      }
      visitAll(st, node.attributes, scope);
      return;
    case 'ImportAttribute':
      return; // keys and values are literals or identifiers used as names
    case 'ExportNamedDeclaration':
      st.moduleDeclarationAt = first(st.moduleDeclarationAt, node.start);
      if (node.declaration) visit(st, node.declaration, scope);
      else if (!node.source && !st.compilingModule) {
        // `export { a as b }` reads the local a; with `from`, the names belong to the other module.
        for (let i = 0; i < node.specifiers.length; i += 1) visit(st, node.specifiers[i].local, scope);
      }
      return;
    case 'ExportDefaultDeclaration': {
      st.moduleDeclarationAt = first(st.moduleDeclarationAt, node.start);
      const d = node.declaration;
      if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') {
        if (d.id) declare(scope, d.id.name);
        if (d.type === 'FunctionDeclaration') visitFunction(st, d, scope);
        else visitClass(st, d, scope);
      } else visit(st, d, scope);
      return;
    }
    case 'ExportAllDeclaration':
      st.moduleDeclarationAt = first(st.moduleDeclarationAt, node.start);
      return;
    default:
      unsupported(st, node);
  }
};

const pushPair = (list: number[], a: number, b: number): void => {
  list[list.length] = a;
  list[list.length] = b;
};

/**
 * Walks `root` (a Program, or the one expression of an expression or function source) and resolves
 * every reference against the scopes that enclose it. `source` is the text acorn parsed.
 */
export const analyzeScopes = (root: Program | AnyNode, source: string, compilingModule = false): ScopeFindings => {
  const st = makeWalkState(source, compilingModule);
  const top = makeScope(null, true);
  if (root.type === 'Program') visitAll(st, root.body, top);
  else visit(st, root, top);
  resolveReferences(st, top);
  return st;
};
