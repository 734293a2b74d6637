/** Kept equal to package.json "version" (a unit test checks it). */
export const ARBDESK_VERSION = '0.1.0';
