// `node --import register.mjs out/main/index.js <app dir>`: the built main bundle, with `electron`
// resolved to the stand-in built beside this file.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url, { data: { standIn: new URL('./electron.mjs', import.meta.url).href } });
