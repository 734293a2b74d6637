// The Settings pane's keys form and the live switch, in Chromium, against `arbdesk serve` with a
// real Secret Service: a key typed into the form is sent once, the field empties at once, the
// answer never echoes it, and nothing in the page keeps it. Live trading is refused until keys
// and saved limits are there, then allowed with the typed confirmation, and the mode shows it.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../src/host/secrets/keytarStore';
import { startServe, type ServeHandle } from '../../src/host/serve/serve';
import { CHROMIUM } from '../helpers/browser';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tempDir';

const KEY_ID = randomUUID();
const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const PEM_LINES = PEM.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----'));
const BROKEN_PEM = PEM.replace(PEM_LINES[5]!, PEM_LINES[5]!.replace(/[A-Za-z]/g, '!'));
const NEEDLES = [KEY_ID, ...PEM_LINES, ...BROKEN_PEM.split('\n').filter((l) => l.length > 16 && !l.startsWith('-----'))];

describe('the keys form and the live switch with a real keychain, in Chromium', () => {
  const store = new KeytarSecretStore(`ArbDesk-test-${randomUUID()}`);
  const dir = tempDir();
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;

  /** Everything the page holds that a key could hide in: the DOM, both storages, every field's value. (A string: this project has no DOM types.) */
  const pageText = () =>
    page.evaluate<string>(`[
      document.documentElement.outerHTML,
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
      ...[...document.querySelectorAll('input, textarea')].map((e) => e.value),
    ].join('\\n')`);

  beforeAll(async () => {
    serve = await startServe({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir.path,
      rendererDir: path.join(ROOT, 'out', 'renderer'),
      secrets: store,
      simulator: { cliPath: path.join(ROOT, 'out', 'cli', 'arbdesk.mjs'), args: ['--markets', '6'] },
      log: () => undefined,
    });
    // Chromium's own password store kept away from the test's keyring.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--password-store=basic', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${serve.port}/#token=${serve.token}`);
    await page.getByLabel('Engine: open').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.close();
    for (const name of ['kalshi.keyId', 'kalshi.privateKey', 'polymarket.privateKey'] as const) await store.delete(name).catch(() => undefined);
    dir.remove();
  });

  it('sends a key once, empties the field, reports the check without echoing the key', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    const keys = page.getByRole('region', { name: 'API keys' });
    await expect.poll(() => keys.textContent()).toContain('Stored in');
    const pemField = page.getByLabel('Kalshi private key (PEM)', { exact: true });
    expect(await pemField.isDisabled()).toBe(false);

    await pemField.fill(BROKEN_PEM);
    await page.getByRole('button', { name: 'Save Kalshi private key (PEM)' }).click();
    expect(await pemField.inputValue()).toBe('');
    await expect.poll(() => keys.getByRole('status').first().textContent()).toMatch(/^Not saved: /);
    expect(await store.has('kalshi.privateKey')).toBe(false);

    const idField = page.getByLabel('Kalshi API key id', { exact: true });
    await idField.fill(KEY_ID);
    await page.getByRole('button', { name: 'Save Kalshi API key id' }).click();
    expect(await idField.inputValue()).toBe('');
    await pemField.fill(PEM);
    await page.getByRole('button', { name: 'Save Kalshi private key (PEM)' }).click();
    expect(await pemField.inputValue()).toBe('');
    await expect.poll(() => keys.locator('.secret-actions').allTextContents()).toEqual([
      expect.stringMatching(/^set.*Saved\./), expect.stringMatching(/^set.*Saved\./),
      // Polymarket's key, then Polymarket US's key id and Ed25519 secret: listed, still not set.
      expect.stringMatching(/^not set/), expect.stringMatching(/^not set/), expect.stringMatching(/^not set/),
    ]);
    expect(await store.get('kalshi.keyId')).toBe(KEY_ID);
    expect(await store.has('kalshi.privateKey')).toBe(true);

    const text = await pageText();
    for (const needle of NEEDLES) expect(text.includes(needle), 'the page holds a key fragment').toBe(false);
    expect(text).not.toMatch(/PRIVATE KEY-----/);

    await page.getByRole('tab', { name: 'Venues' }).click();
    await expect.poll(() => page.getByRole('row', { name: 'Kalshi' }).locator('.keys-set').textContent()).toBe('set');
  });

  it('refuses live until the limits are saved, then switches with the typed confirmation and shows LIVE', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Switch to live…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch to live trading?' });
    expect(await dialog.textContent()).toContain('✓ Venue keys in the keychain');
    await dialog.getByLabel('Type LIVE to confirm').fill('LIVE');
    // Unsaved limits: the checklist says so, and Go live cannot be pressed (the engine refuses it too).
    expect(await dialog.textContent()).toContain('✗ Risk limits reviewed and saved');
    expect(await dialog.getByRole('button', { name: 'Go live' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('tab', { name: 'Risk' }).click();
    await page.getByLabel('Max loss per trade').fill('4.5');
    await page.getByRole('button', { name: 'Save limits' }).click();
    await expect.poll(() => page.getByRole('form', { name: 'Limits' }).textContent()).toContain('Limits saved.');

    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Switch to live…' }).click();
    await dialog.getByLabel('Type LIVE to confirm').fill('LIVE');
    expect(await dialog.textContent()).toContain('✓ Risk limits reviewed and saved');
    await dialog.getByRole('button', { name: 'Go live' }).click();
    await expect.poll(() => page.getByLabel('Mode: live').textContent()).toBe('LIVE');
    expect(await dialog.count()).toBe(0);
    expect(await page.getByLabel('Mode: live').getAttribute('class')).toContain('mode-live');

    await page.getByRole('button', { name: 'Switch to paper' }).click();
    await expect.poll(() => page.getByLabel('Mode: paper').textContent()).toBe('PAPER');

    // Clearing removes the key from the keychain.
    await page.getByRole('button', { name: 'Clear Kalshi private key (PEM)' }).click();
    await expect.poll(() => store.has('kalshi.privateKey')).toBe(false);
  });
});
