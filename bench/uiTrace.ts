// Reading a Chrome trace (devtools.timeline) for the renderer's main thread: the longest task.

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: less than dur when the OS ran something else meanwhile. */
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadTasks {
  count: number;
  longestMs: number;
  over50: number;
  /** The longest task by the main thread's own CPU time (preemption by other processes excluded). */
  longestCpuMs: number;
  /** What ran inside the longest task (the longest nested events), for the log. */
  longestContents: string;
}

/** Top-level tasks (RunTask) on every CrRendererMain thread in the trace. */
export function mainThreadTasks(traceJson: string): MainThreadTasks {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  }
  let count = 0;
  let longest: TraceEvent | null = null;
  let longestCpu = 0;
  let over50 = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || e.dur === undefined || !mains.has(`${e.pid}:${e.tid}`)) continue;
    count++;
    if (!longest || e.dur > longest.dur!) longest = e;
    if ((e.tdur ?? e.dur) > longestCpu) longestCpu = e.tdur ?? e.dur;
    if (e.dur > 50_000) over50++;
  }
  const inside = longest
    ? events
        .filter((e) => e !== longest && e.ph === 'X' && e.pid === longest.pid && e.tid === longest.tid && e.ts >= longest.ts && e.ts < longest.ts + longest.dur! && (e.dur ?? 0) > 1000)
        .sort((a, b) => b.dur! - a.dur!)
        .slice(0, 4)
        .map((e) => `${e.name} ${(e.dur! / 1000).toFixed(1)} ms`)
        .join(', ')
    : '';
  return { count, longestMs: (longest?.dur ?? 0) / 1000, over50, longestCpuMs: longestCpu / 1000, longestContents: inside };
}
