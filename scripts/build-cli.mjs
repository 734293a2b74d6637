// Bundles the `arbdesk` CLI (engine, host, simulator) for plain Node. Dependencies stay external,
// resolved from node_modules at run time, so native modules load as installed.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'out/cli/arbdesk.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
