#!/usr/bin/env node
// The `arbdesk` command: runs the CLI bundle that `npm run build` writes to out/cli.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/arbdesk.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('arbdesk: the CLI is not built yet; run `npm run build` (npm install does it for you)\n');
  process.exit(1);
}
await import(bundle);
