// `node --import` this file: every module the process resolves is appended to $ARBDESK_TRACE.
import { register } from 'node:module';

register(new URL('./traceHooks.mjs', import.meta.url));
