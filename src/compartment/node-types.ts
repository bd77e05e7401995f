// The ESTree node types that acorn 8 produces and that the scope walk (analyze-scopes.ts) was
// written for. The parser's module checks (parse-source.ts) reject any other type as unsupported
// syntax, as the walk does, so that a future acorn's new syntax fails closed until it is reviewed.
// test/node-types.test.ts keeps this list, acorn and the walk in agreement. No side effects.
import { create, freeze } from '../commons.js';

const TYPES = [
  'ArrayExpression', 'ArrayPattern', 'ArrowFunctionExpression', 'AssignmentExpression', 'AssignmentPattern',
  'AwaitExpression', 'BinaryExpression', 'BlockStatement', 'BreakStatement', 'CallExpression', 'CatchClause',
  'ChainExpression', 'ClassBody', 'ClassDeclaration', 'ClassExpression', 'ConditionalExpression',
  'ContinueStatement', 'DebuggerStatement', 'DoWhileStatement', 'EmptyStatement', 'ExportAllDeclaration',
  'ExportDefaultDeclaration', 'ExportNamedDeclaration', 'ExportSpecifier', 'ExpressionStatement',
  'ForInStatement', 'ForOfStatement', 'ForStatement', 'FunctionDeclaration', 'FunctionExpression', 'Identifier',
  'IfStatement', 'ImportAttribute', 'ImportDeclaration', 'ImportDefaultSpecifier', 'ImportExpression',
  'ImportNamespaceSpecifier', 'ImportSpecifier', 'LabeledStatement', 'Literal', 'LogicalExpression',
  'MemberExpression', 'MetaProperty', 'MethodDefinition', 'NewExpression', 'ObjectExpression', 'ObjectPattern',
  'ParenthesizedExpression', 'PrivateIdentifier', 'Program', 'Property', 'PropertyDefinition', 'RestElement',
  'ReturnStatement', 'SequenceExpression', 'SpreadElement', 'StaticBlock', 'Super', 'SwitchCase',
  'SwitchStatement', 'TaggedTemplateExpression', 'TemplateElement', 'TemplateLiteral', 'ThisExpression',
  'ThrowStatement', 'TryStatement', 'UnaryExpression', 'UpdateExpression', 'VariableDeclaration',
  'VariableDeclarator', 'WhileStatement', 'WithStatement', 'YieldExpression',
] as const;

/** Node type → true, for every type in {@link TYPES}; a null-prototype object, frozen. */
export const KNOWN_NODE_TYPES: Readonly<Record<string, true>> = (() => {
  const set = create(null) as Record<string, true>;
  for (let i = 0; i < TYPES.length; i += 1) set[TYPES[i]] = true;
  return freeze(set);
})();

/** The same types as a list (for tests). */
export const knownNodeTypes = (): readonly string[] => TYPES;
