// The analysis hands its parse and findings to the evaluator's rewrite (and to CommonJS export
// detection) only when it has just made them, and never a tree of some other text or kind.
import test from 'ava';
import {
  analyzeFunctionSource,
  analyzeFunctionSourceWithTree,
  analyzeSourceWithTree,
  resetSourceAnalysisCache,
} from '../src/compartment/analyze-source.js';
import { CjsModuleSource } from '../src/compartment/cjs-source.js';

test('a fresh function analysis hands over the tree of the whole function text; a cached one hands over nothing', t => {
  resetSourceAnalysisCache();
  const tree = analyzeFunctionSourceWithTree('a, b', 'return a + b + c;');
  t.truthy(tree);
  t.is(tree!.kind, 'function');
  t.is(tree!.source, analyzeFunctionSource('a, b', 'return a + b + c;').source);
  t.is(tree!.parsed.root.type, 'FunctionExpression');
  t.deepEqual(tree!.findings.freeNames, ['c']);
  t.is(analyzeFunctionSourceWithTree('a, b', 'return a + b + c;'), undefined);
});

test('a script analyzed as an expression first hands over no tree of the other kind', t => {
  resetSourceAnalysisCache();
  t.is(analyzeSourceWithTree('x + 1', 'expression')!.kind, 'expression');
  const script = analyzeSourceWithTree('x + 1', 'script');
  t.is(script!.kind, 'script');
  t.is(analyzeSourceWithTree('x + 1', 'script'), undefined);
});

test('a rejected function hands over nothing and throws', t => {
  resetSourceAnalysisCache();
  t.throws(() => analyzeFunctionSourceWithTree('', 'import("x")'), { instanceOf: SyntaxError });
  t.throws(() => analyzeFunctionSourceWithTree('', '}, function () {'), { instanceOf: SyntaxError });
});

test('CommonJS export detection is the same whether the analysis was fresh or cached', t => {
  resetSourceAnalysisCache();
  const text = "const d = require('./d'); exports.a = 1; module.exports.b = 2; Object.defineProperty(exports, 'c', { value: 3 });";
  const fresh = new CjsModuleSource(text);
  const cached = new CjsModuleSource(text);
  t.deepEqual([...fresh.exports].sort(), ['a', 'b', 'c']);
  t.deepEqual(fresh.imports, ['./d']);
  t.deepEqual(cached.exports, fresh.exports);
  t.deepEqual(cached.imports, fresh.imports);
});
