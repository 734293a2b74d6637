/** A command's failure as one line for the trader (a ClientError carries the engine's message). */
export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
