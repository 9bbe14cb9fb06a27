// @ts-check
// ESLint rule `synthflux/no-module-cycle`: the project's modules (services/<name>, workflows,
// proto, test/<name>, ...) depend on each other without cycles. import-x/no-cycle sees cycles
// between files; this sees them between modules: services/ml importing services/worker while the
// worker imports services/ml is a cycle even when no single file imports itself back.
//
// The module graph counts value and type imports, with two exceptions:
// - entrypoints (files no project file imports: each service's main.ts, tools, tests) wire modules
//   together and nothing depends on them, so their imports cannot close a cycle;
// - type-only imports from the modules in `typeImportsFrom` (workflows/: STYLE.md 2 has workflows
//   name their activities by type, while the worker registers the workflows).
//
// The graph is read once per lint run from the files tsconfig.json includes, resolved the way tsc
// resolves them.

import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
/** @type {typeof import('typescript')} */
const ts = require('typescript');

/** services/<name>/... and test/<name>/... are modules of their own; otherwise the top folder is. */
function moduleOf(rel) {
  const parts = rel.split('/');
  if ((parts[0] === 'services' || parts[0] === 'test') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0];
}

/** True for `import type {..}`, `import { type a, type b }`, `export type {..} from`. */
function isTypeOnly(node) {
  if (!node.importClause && ts.isImportDeclaration(node)) return false;
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (clause.isTypeOnly) return true;
    const named = clause.namedBindings;
    return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
  }
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** Module specifiers of a file: static imports and re-exports (with type-only flags), import() and require(). */
function specifiersOf(source) {
  /** @type {{ spec: string; typeOnly: boolean }[]} */
  const out = [];
  for (const st of source.statements) {
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      out.push({ spec: st.moduleSpecifier.text, typeOnly: isTypeOnly(st) });
    }
  }
  if (/\bimport\(|\brequire\(/.test(source.text)) {
    const visit = (node) => {
      if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
        const callee = node.expression;
        if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) out.push({ spec: node.arguments[0].text, typeOnly: false });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

function buildGraph(root, tsconfig, typeImportsFrom) {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.resolve(root, tsconfig), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!parsed) throw new Error(`no-module-cycle: cannot read ${tsconfig}`);
  const cache = ts.createModuleResolutionCache(root, (f) => f, parsed.options);
  const rel = (f) => path.relative(root, f).split(path.sep).join('/');
  /** file -> specifier -> resolved project file */
  const resolved = new Map();
  /** file -> [{ to, typeOnly }] */
  const imports = new Map();
  const imported = new Set();
  for (const file of parsed.fileNames) {
    const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, true);
    const specs = new Map();
    const edges = [];
    for (const { spec, typeOnly } of specifiersOf(source)) {
      const hit = ts.resolveModuleName(spec, file, parsed.options, ts.sys, cache).resolvedModule;
      if (!hit || hit.isExternalLibraryImport || hit.resolvedFileName.includes('/node_modules/')) continue;
      const to = rel(hit.resolvedFileName);
      specs.set(spec, to);
      edges.push({ to, typeOnly });
      imported.add(to);
    }
    resolved.set(rel(file), specs);
    imports.set(rel(file), edges);
  }
  const counts = (from, edge) => imported.has(from) && !(edge.typeOnly && typeImportsFrom.includes(moduleOf(from)));
  /** module -> module -> an import that makes the dependency, for messages */
  const modules = new Map();
  for (const [from, edges] of imports) {
    for (const edge of edges) {
      const a = moduleOf(from);
      const b = moduleOf(edge.to);
      if (a === b || !counts(from, edge)) continue;
      if (!modules.has(a)) modules.set(a, new Map());
      if (!modules.get(a).has(b)) modules.get(a).set(b, `${from} -> ${edge.to}`);
    }
  }
  return { resolved, imported, modules, counts, rel };
}

/** The shortest module path from `start` to `goal` as "a -> b (file -> file)" steps, or undefined. */
function pathBetween(modules, start, goal) {
  const previous = new Map([[start, '']]);
  const queue = [start];
  while (queue.length) {
    const at = queue.shift();
    if (at === goal) break;
    for (const next of modules.get(at)?.keys() ?? []) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  if (!previous.has(goal)) return undefined;
  const steps = [];
  for (let at = goal; at !== start; at = previous.get(at)) steps.unshift(`${previous.get(at)} -> ${at} (${modules.get(previous.get(at)).get(at)})`);
  return steps;
}

const graphs = new Map();

/** @type {import('eslint').Rule.RuleModule} */
const noModuleCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Modules (services/<name>, workflows, proto, test/<name>) import each other without cycles' },
    schema: [
      {
        type: 'object',
        properties: { tsconfig: { type: 'string' }, typeImportsFrom: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      cycle: '{{from}} imports {{to}}, which already depends on {{from}}: {{path}}. Move the shared piece into the module that owns it.',
    },
  },
  create(context) {
    const { tsconfig = 'tsconfig.json', typeImportsFrom = [] } = context.options[0] ?? {};
    const key = `${context.cwd}\0${tsconfig}\0${typeImportsFrom.join()}`;
    if (!graphs.has(key)) graphs.set(key, buildGraph(context.cwd, tsconfig, typeImportsFrom));
    const graph = graphs.get(key);
    const file = graph.rel(context.filename);
    const specs = graph.resolved.get(file);
    if (!specs) return {};
    const check = (source, typeOnly) => {
      const to = source?.type === 'Literal' && typeof source.value === 'string' ? specs.get(source.value) : undefined;
      if (!to) return;
      const from = moduleOf(file);
      const target = moduleOf(to);
      if (from === target || !graph.counts(file, { to, typeOnly })) return;
      const back = pathBetween(graph.modules, target, from);
      if (back) context.report({ node: source, messageId: 'cycle', data: { from, to: target, path: back.join(', ') } });
    };
    const allType = (specifiers, kind) => specifiers.length > 0 && specifiers.every((s) => s[kind] === 'type');
    return {
      ImportDeclaration: (node) => check(node.source, node.importKind === 'type' || allType(node.specifiers, 'importKind')),
      ExportNamedDeclaration: (node) => check(node.source, node.exportKind === 'type' || allType(node.specifiers, 'exportKind')),
      ExportAllDeclaration: (node) => check(node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node.source, false),
      'CallExpression[callee.type="Identifier"][callee.name="require"]': (node) => check(node.arguments[0], false),
    };
  },
};

export default { meta: { name: 'synthflux' }, rules: { 'no-module-cycle': noModuleCycle } };
