/** Where things are in a checkout, for the build and start scripts. */
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RENDERER_OUT = fileURLToPath(new URL('../out/renderer', import.meta.url));
export const MAIN_OUT = fileURLToPath(new URL('../out/main', import.meta.url));
export const SAMPLES_DIR = fileURLToPath(new URL('../resources/samples', import.meta.url));
