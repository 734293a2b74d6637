// Enforces the dependency direction of DESIGN.md and docs/architecture.md, the way VS Code's
// code-layering rule does:
// - each folder under src/ is a layer that may import only the layers listed for it; only
//   main/preload may touch Electron; the renderer and shared code never touch Node;
// - outside the engine (hosts, main, the CLI, chaos, bench) the engine is reached only through its
//   public entry, src/engine/index.ts, or its declared sub-entries (offline.ts, tools.ts);
// - inside the engine, each room imports only the rooms below it (ENGINE_ROOMS); a venue's folder
//   is reached only through the registration list (src/engine/venues/index.ts), which only the
//   engine's root files import.
// A second rule, `venue-ids`, keeps venue ids out of every file but the venues' own folders and
// the registration list (the simulator and the chaos run, which stand in for and check against
// the simulated venues, are exempt, and so are the CLI commands whose flags size them: sim, bench).
import { builtinModules } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
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
  cli: { imports: ['shared', 'engine', 'host', 'sim', 'chaos', 'bench', 'cli'], node: true, electron: false },
  // bench/ (outside src/): measures the engine as hosts and tools use it.
  bench: { imports: ['shared', 'engine', 'host', 'sim', 'bench'], node: true, electron: false },
};

/** The engine's public entry and its declared sub-entries: all that other layers may import of it (specTools: `arbdesk spec`/`relate`). */
const ENGINE_ENTRIES = new Set(['index.ts', 'offline.ts', 'tools.ts', 'specTools.ts']);

/**
 * The engine's rooms in dependency order: each may import the rooms listed (and shared). `venue`
 * is one venue's folder (src/engine/venues/<id>/); `venues` the contribution point beside them.
 * The root files (compose.ts, engine.ts, index.ts and the sub-entries) may import every room.
 */
const ENGINE_ROOMS = {
  platform: [],
  specs: [],
  books: [],
  fees: [],
  sizing: ['books', 'fees'],
  strategies: ['books', 'fees'],
  venues: ['platform', 'specs', 'books', 'fees', 'sizing'],
  venue: ['platform', 'specs', 'books', 'fees', 'sizing', 'venues'],
  activity: ['platform'],
  settings: [],
  secrets: ['venues'],
  universe: ['platform', 'specs', 'fees', 'strategies', 'venues'],
  scanner: ['books', 'fees', 'sizing', 'strategies', 'venues'],
  ledger: ['platform'],
  risk: ['platform', 'ledger'],
  execution: ['platform', 'activity', 'books', 'fees', 'sizing', 'strategies', 'scanner', 'ledger', 'risk', 'venues'],
  live: ['platform', 'activity', 'specs', 'books', 'fees', 'sizing', 'strategies', 'venues', 'universe', 'scanner', 'ledger', 'risk', 'settings'],
  commands: ['platform', 'activity', 'specs', 'books', 'fees', 'sizing', 'strategies', 'venues', 'universe', 'scanner', 'ledger', 'risk', 'settings', 'secrets', 'execution', 'live'],
};

// npm packages that only work in Node; the renderer and shared code may not import them.
const NODE_ONLY_PACKAGES = new Set([
  'ws', 'libsql', 'keytar', 'kalshi-typescript', '@polymarket/clob-client-v2', 'viem',
]);
const BUILTINS = new Set(builtinModules);

function layerOf(file, root) {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  if (parts[0] === 'bench') return 'bench';
  return parts[0] === 'src' ? (parts[1] ?? null) : null;
}

/** Where a file lies in the engine: its room, and for a venue folder its venue. Null outside src/engine. */
function engineRoomOf(file, root) {
  const rel = path.relative(path.join(root, 'src', 'engine'), file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  if (parts.length === 1) return { room: 'root', file: parts[0] };
  if (parts[0] === 'venues') {
    if (parts.length === 2) return parts[1] === 'index.ts' ? { room: 'registration' } : { room: 'venues' };
    return { room: 'venue', venue: parts[1] };
  }
  return { room: parts[0] };
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The file an import resolves to, as TypeScript resolves it: the file, or the folder's index. */
function resolved(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  if (/\.(ts|tsx|js|mjs)$/.test(base)) return base;
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (existsSync(candidate)) return candidate;
  }
  return `${base}.ts`;
}

/** Why an import inside the engine breaks its rooms, or null. */
function engineViolation(from, to) {
  if (from.room === 'root') return null;
  if (to.room === 'registration') return from.room === 'venue' ? null : 'the registration list (venues/index.ts) is imported only by the engine\'s root files';
  if (to.room === 'venue') {
    if (from.room === 'registration' || (from.room === 'venue' && from.venue === to.venue)) return null;
    return `a venue's folder (venues/${to.venue}/) is reached only through the registry: register it in venues/index.ts`;
  }
  if (to.room === 'root') return `the engine's root files (${to.file}) are not imported by its rooms`;
  if (from.room === 'registration') return to.room === 'venues' ? null : 'the registration list imports only the venues';
  if (from.room === to.room) return null;
  const allowed = ENGINE_ROOMS[from.room];
  if (!allowed) return `room '${from.room}' is not in ENGINE_ROOMS (eslint-rules/layering.js): give it its place`;
  return allowed.includes(to.room) ? null : `room '${from.room}' may not import room '${to.room}' (allowed: ${allowed.join(', ') || 'none'})`;
}

const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the ArbDesk layer dependency direction' },
    schema: [],
    messages: {
      layer: "Layer '{{from}}' may not import from '{{to}}' ({{spec}}). Allowed: {{allowed}}.",
      electron: "Layer '{{from}}' may not import 'electron'; only src/main and src/preload may.",
      node: "Layer '{{from}}' may not import the Node module '{{spec}}'; it must run in a browser.",
      entry: "Layer '{{from}}' reaches the engine only through src/engine/index.ts (or offline.ts, tools.ts, specTools.ts), not '{{spec}}'.",
      room: 'Engine rooms ({{spec}}): {{why}}.',
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const root = context.cwd ?? process.cwd();
    const from = layerOf(file, root);
    const layer = from ? LAYERS[from] : undefined;
    if (!layer) return {};
    const fromRoom = from === 'engine' ? engineRoomOf(file, root) : null;

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = resolved(file, spec);
        const to = layerOf(target, root);
        if (to && !layer.imports.includes(to)) {
          context.report({ node, messageId: 'layer', data: { from, to, spec, allowed: layer.imports.join(', ') } });
          return;
        }
        if (to === 'engine' && from !== 'engine') {
          const entry = path.relative(path.join(root, 'src', 'engine'), target);
          if (!ENGINE_ENTRIES.has(entry)) context.report({ node, messageId: 'entry', data: { from, spec } });
          return;
        }
        if (fromRoom && to === 'engine') {
          const why = engineViolation(fromRoom, engineRoomOf(target, root));
          if (why) context.report({ node, messageId: 'room', data: { spec, why } });
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
      TSImportType: (n) => {
        const arg = n.argument?.type === 'TSLiteralType' ? n.argument.literal : n.argument;
        if (arg?.type === 'Literal') check(arg, arg.value);
      },
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') {
          check(n.arguments[0], n.arguments[0].value);
        }
      },
    };
  },
};

/** The venues: the folders under src/engine/venues/. */
function venueIds(root) {
  try {
    return readdirSync(path.join(root, 'src', 'engine', 'venues'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}

/** Files where venue ids belong: a venue's own folder, the registration list, the simulator and the chaos run that checks against it. */
function mayNameVenues(file, root, venue) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return rel === 'src/engine/venues/index.ts'
    || rel.startsWith(`src/engine/venues/${venue}/`)
    || rel.startsWith('src/sim/')
    || rel.startsWith('src/chaos/')
    || rel === 'src/cli/commands/sim.ts'
    // Its universe section's flags size the simulator's venues, as `arbdesk sim`'s do.
    || rel === 'src/cli/commands/bench.ts';
}

/** The venue whose folder a file is in, or null. */
function ownVenue(file, root) {
  const m = /^src\/engine\/venues\/([^/]+)\//.exec(path.relative(root, file).split(path.sep).join('/'));
  return m ? m[1] : null;
}

const venueIdsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Venue ids only in their own folders and the one registration list' },
    schema: [],
    messages: {
      named: "'{{text}}' names the venue '{{venue}}' outside its folder: read it from the venue registry (its manifest) instead.",
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const root = context.cwd ?? process.cwd();
    if (!path.relative(root, file).split(path.sep).join('/').startsWith('src/')) return {};
    const venues = venueIds(root).filter((v) => !mayNameVenues(file, root, v));
    if (venues.length === 0) return {};
    const patterns = venues.map((v) => ({ venue: v, re: new RegExp(v.replace(/[-]/g, '\\-'), 'i') }));
    // A venue folder's own id may contain another's ('polymarket-us' holds 'polymarket'): its own
    // name, in any casing or joining ('PolymarketUs', 'POLYMARKET_US', its host 'polymarket.us'), is not the other venue's.
    const own = ownVenue(file, root);
    const ownName = own ? new RegExp(own.split('-').join('[-_. ]?'), 'gi') : null;
    const inspect = (node, raw) => {
      if (typeof raw !== 'string') return;
      const text = ownName ? raw.replace(ownName, '') : raw;
      for (const { venue, re } of patterns) {
        if (re.test(text)) {
          context.report({ node, messageId: 'named', data: { text: text.length > 40 ? `${text.slice(0, 37)}...` : text, venue } });
          return;
        }
      }
    };
    return {
      Identifier: (n) => inspect(n, n.name),
      Literal: (n) => inspect(n, typeof n.value === 'string' ? n.value : n.regex?.pattern),
      TemplateElement: (n) => inspect(n, n.value.raw),
      JSXText: (n) => inspect(n, n.value),
    };
  },
};

export default { rules: { layering, 'venue-ids': venueIdsRule } };
