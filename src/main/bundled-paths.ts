import { fileURLToPath } from 'node:url';

/** The folder of bundled datasets (reference data, demo series), next to src/ and dist/. */
export const DATASETS_DIR = fileURLToPath(new URL('../../datasets', import.meta.url));
