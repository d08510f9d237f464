// `node --import <this file> script.ts` runs TypeScript sources of this repository (see ts-loader-hooks.mjs).
import { register } from 'node:module';

register('./ts-loader-hooks.mjs', import.meta.url);
