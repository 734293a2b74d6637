import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.wav': 'audio/wav',
};

/** The renderer folder with every symlink resolved: what served files must lie inside. */
export function realRendererRoot(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Serves the built renderer. The UI shell holds no data and no secrets (everything arrives over
 * the token-guarded WebSocket), which is why these files are readable without the token: the
 * browser cannot send the token, kept in the URL fragment, with the page request itself.
 *
 * A file is served only if its real path (symlinks resolved) is a regular file inside the real
 * renderer folder (`root`, from realRendererRoot): a link pointing out of the folder is not served.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  if (decoded.includes('\0')) return false;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const requested = path.resolve(root, relative);
  if (!inside(root, requested)) return false;
  let file: string;
  let size: number;
  try {
    file = realpathSync(requested);
    if (!inside(root, file)) return false;
    const stat = statSync(file);
    if (!stat.isFile()) return false;
    size = stat.size;
  } catch {
    return false;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': String(size),
    'Cache-Control': relative === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
  return true;
}
