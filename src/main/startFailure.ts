import { app, dialog } from 'electron';

/**
 * The exit code of a desktop app that could not start. `npm start` (scripts/start.mjs) reads it,
 * with the stderr line below, to say why and serve the same UI in the browser instead.
 */
export const START_FAILURE_EXIT_CODE = 78;
export const START_FAILURE_PREFIX = 'ArbDesk: the desktop app could not start: ';

const CLEANUP_TIMEOUT_MS = 5_000;

/**
 * A start that failed is shown, never left as a process without a window: one stderr line, a
 * dialog with the reason, then whatever was started is stopped and the app exits non-zero.
 */
export async function reportStartFailure(error: unknown, cleanup?: () => Promise<void>): Promise<never> {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${START_FAILURE_PREFIX}${reason.split('\n')[0]}\n`);
  try {
    dialog.showErrorBox('ArbDesk could not start', `${reason}\n\nArbDesk will close. Nothing was traded.`);
  } catch {
    // No display for a dialog: the stderr line above is the report.
  }
  if (cleanup) {
    await Promise.race([cleanup().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLEANUP_TIMEOUT_MS).unref())]);
  }
  app.exit(START_FAILURE_EXIT_CODE);
  // app.exit ends the process; this keeps the type honest if it returns first.
  return new Promise<never>(() => undefined);
}
