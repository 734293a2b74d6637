// A window that stops reading the engine's events (a hung page, a long GC) while the app runs,
// built, with Electron stood in: main stops sending past its limit instead of holding every event
// without bound, and when the page catches up it reloads its state — so what changed meanwhile
// (here, the kill switch engaged from the menu while the page was stalled) is on screen after.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_EVENT, IPC_EVENT_FLOW } from '../../src/shared/ipcChannels';
import { until } from '../helpers/until';
import type { DesktopHarness } from './harness/desktopHarness';
import { useDesktopWindow } from './harness/desktopWindow';

const LIMIT = 48;
const STALL_MS = 8_000;

describe('the desktop window falling behind the engine', () => {
  const desk = useDesktopWindow({ ARBDESK_SIM_ARGS: '--speed 8 --markets 30', ARBDESK_IPC_MAX_UNACKED: String(LIMIT), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' });
  let app: DesktopHarness;
  let page: Page;
  beforeAll(() => ({ app, page } = desk));

  const events = () => app.all('send').filter((m) => m.channel === IPC_EVENT).length;
  const signals = () => app.all('send').filter((m) => m.channel === IPC_EVENT_FLOW).map((m) => m.args[0] as { state: string });
  const breakerText = () => page.getByLabel('Breaker state').textContent();

  it('is not sent more than the limit while it reads nothing, and shows what changed meanwhile once it catches up', async () => {
    await until(async () => (await page.getByRole('table', { name: 'Opportunities' }).locator('tbody tr[data-id]').count()) > 0, 'opportunities on screen', 60_000, 200);
    // Keeping up, the page acknowledges as it reads: main never pauses.
    const before = events();
    await until(() => events() > before + 2 * LIMIT, 'a steady stream of events', 60_000, 50);
    expect(signals()).toEqual([]);
    expect(await breakerText()).not.toMatch(/KILL SWITCH/);

    // The page's thread busy for 8 s: it reads nothing.
    await page.evaluate((ms) => {
      setTimeout(() => {
        const end = Date.now() + ms;
        while (Date.now() < end);
      }, 0);
    }, STALL_MS);
    const stalledAt = events();
    await until(() => signals().some((s) => s.state === 'paused'), 'main to pause', STALL_MS - 2_000, 20);
    // Sent while the page read nothing: at most the limit, counting what it had not acknowledged before.
    expect(events() - stalledAt).toBeLessThanOrEqual(LIMIT);
    const pausedAt = events();
    // The kill switch from the menu while the page is stalled: its event is not sent, like every other.
    await app.request({ t: 'menu-click', path: ['Trading', 'Kill switch'] });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(events()).toBe(pausedAt);

    // Caught up: main resumes, the page reloads its state and shows the kill switch engaged.
    await until(() => signals().some((s) => s.state === 'resumed'), 'main to resume once the page caught up', STALL_MS + 20_000, 50);
    await until(async () => /KILL SWITCH/.test((await breakerText()) ?? ''), 'the window to show the kill switch engaged', 10_000, 50);
    expect(await page.getByText('Engine unreachable').count()).toBe(0);
    const resumedAt = events();
    await until(() => events() > resumedAt, 'events to flow again', 30_000, 50);
    expect(signals().map((s) => s.state)).toEqual(['paused', 'resumed']);
  });
});
