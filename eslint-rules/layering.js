// Enforces the dependency direction of DESIGN.md, the way VS Code's code-layering rule does:
// each folder under src/ is a layer that may import only the layers listed for it, and only
// main/preload may touch Electron; the renderer and shared code never touch Node.
import { builtinModules } from 'node:module';
import path from 'node:path';

const LAYERS = {
  shared: { imports: ['shared'], node: false, electron: false },
  engine: { imports: ['shared', 'engine'], node: true, electron: false },
  host: { imports: ['shared', 'engine', 'host'], node: true, electron: false },
  main: { imports: ['shared', 'engine', 'host', 'main'], node: true, electron: true },
  preload: { imports: ['shared', 'preload'], node: false, electron: true },
  renderer: { imports: ['shared', 'renderer'], node: false, electron: false },
  sim: { imports: ['shared', 'sim'], node: true, electron: false },
  // The chaos run drives the engine as a host does against the simulator; only the CLI starts it.
  chaos: { imports: ['shared', 'engine', 'host', 'sim', 'chaos'], node: true, electron: false },
  cli: { imports: ['shared', 'engine', 'host', 'sim', 'chaos', 'cli'], node: true, electron: false },
};

// npm packages that only work in Node; the renderer and shared code may not import them.
const NODE_ONLY_PACKAGES = new Set([
  'ws', 'libsql', 'keytar', 'kalshi-typescript', '@polymarket/clob-client-v2', 'viem',
]);
const BUILTINS = new Set(builtinModules);

function layerOf(file, srcRoot) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep)[0] ?? null;
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the ArbDesk layer dependency direction' },
    schema: [],
    messages: {
      layer: "Layer '{{from}}' may not import from '{{to}}' ({{spec}}). Allowed: {{allowed}}.",
      electron: "Layer '{{from}}' may not import 'electron'; only src/main and src/preload may.",
      node: "Layer '{{from}}' may not import the Node module '{{spec}}'; it must run in a browser.",
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const srcRoot = path.join(context.cwd ?? process.cwd(), 'src');
    const from = layerOf(file, srcRoot);
    const layer = from ? LAYERS[from] : undefined;
    if (!layer) return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const to = layerOf(path.resolve(path.dirname(file), spec), srcRoot);
        if (to && !layer.imports.includes(to)) {
          context.report({ node, messageId: 'layer', data: { from, to, spec, allowed: layer.imports.join(', ') } });
        }
        return;
      }
      const pkg = packageName(spec);
      if (pkg === 'electron') {
        if (!layer.electron) context.report({ node, messageId: 'electron', data: { from } });
        return;
      }
      const isBuiltin = spec.startsWith('node:') || BUILTINS.has(pkg);
      if (!layer.node && (isBuiltin || NODE_ONLY_PACKAGES.has(pkg))) {
        context.report({ node, messageId: 'node', data: { from, spec } });
      }
    }

    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') {
          check(n.arguments[0], n.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { layering: rule } };
