import type { Session, WebPreferences } from 'electron';
import { venueRegistry } from '../engine';

/** Also in src/renderer/index.html as a meta tag; the header covers any response the meta tag cannot. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; media-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Electron's security checklist, as far as it concerns the window we open. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/**
 * True only for the page we load ourselves: the built renderer's index.html, or the dev server's
 * origin in development. Parsed with URL, never compared with startsWith. A file: URL has no
 * origin to compare (it is opaque), so the whole URL is: `file://attacker-host/same/path` (a UNC
 * share on Windows) is not our page. Only the fragment may differ (in-page navigation).
 */
export function isTrustedRendererUrl(candidate: string, rendererUrl: string): boolean {
  let url: URL;
  let trusted: URL;
  try {
    url = new URL(candidate);
    trusted = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (trusted.protocol === 'file:') {
    url.hash = '';
    trusted.hash = '';
    return url.href === trusted.href;
  }
  return url.origin === trusted.origin;
}

/** The only hosts a link may open in the system browser (documentation, and the sites the venues' manifests name). */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set(['github.com', ...venueRegistry.all().flatMap((v) => v.manifest.webHosts)]);

/**
 * True for an https link to exactly one of EXTERNAL_LINK_HOSTS: no other scheme, no subdomain or
 * look-alike (`evilgithub.com`, `github.com.evil.example`), no port, no credentials.
 */
export function isAllowedExternalUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && EXTERNAL_LINK_HOSTS.has(url.hostname);
}

/** Permissions: only desktop notifications (alerts). Everything else is denied, and CSP is sent as a header. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'notifications'));
  session.setPermissionCheckHandler((_contents, permission) => permission === 'notifications');
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
