/** The IPC channels between preload and main: requests, pushed events, and their flow control. */
export const IPC_REQUEST = 'arbdesk:request';
export const IPC_EVENT = 'arbdesk:event';
/** preload → main (invoke): `{ started }`, `{ read: n }` more events read, or `{ caughtUp }` (main/eventFlow.ts). */
export const IPC_EVENT_ACK = 'arbdesk:event-ack';
/** main → preload: sending paused (the window fell behind) or resumed (reload the state). */
export const IPC_EVENT_FLOW = 'arbdesk:event-flow';
/** The preload acknowledges after this many events or this long after the first unacknowledged one. */
export const EVENT_ACK_EVERY = 256;
export const EVENT_ACK_AFTER_MS = 100;
