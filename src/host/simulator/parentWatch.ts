// A child that must not outlive its host (the simulator under `arbdesk serve` or the desktop app).
// The host starts it with an IPC channel; the operating system closes that channel when the host
// dies, however it dies (SIGKILL and crashes included), and the child then shuts itself down.

/** stdio for a child that watches its host: no stdin, stdout and stderr piped, an IPC channel. */
export const WATCHED_CHILD_STDIO = ['ignore', 'pipe', 'pipe', 'ipc'] as const;

const FORCED_EXIT_MS = 3_000;

/**
 * When this process was started with an IPC channel, calls shutdown once the channel closes (the
 * host is gone), and exits outright if shutdown has not ended the process within a few seconds.
 * Returns false when there is no host to watch (started by hand from a terminal).
 */
export function exitWithHost(shutdown: () => void): boolean {
  if (typeof process.send !== 'function') return false;
  // The channel alone must not keep this process alive.
  process.channel?.unref();
  process.once('disconnect', () => {
    setTimeout(() => process.exit(0), FORCED_EXIT_MS).unref();
    shutdown();
  });
  return true;
}
