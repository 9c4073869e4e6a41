import { fileURLToPath } from 'node:url';

/** The folder of bundled datasets (reference data, demo series), next to src/ and dist/. */
export const DATASETS_DIR = fileURLToPath(new URL('../../datasets', import.meta.url));

/** The built browser UI (`npm run build:web`), next to src/ and dist/. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
