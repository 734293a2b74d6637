/** The only two IPC channels between preload and main. */
export const IPC_REQUEST = 'arbdesk:request';
export const IPC_EVENT = 'arbdesk:event';
