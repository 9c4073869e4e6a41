#!/usr/bin/env node
// Runs the built CLI (dist/, made by `npm install`/`npm run build`); falls back to the TypeScript
// sources through tsx when no build exists (a development checkout).
import { existsSync } from 'node:fs';

const built = new URL('../dist/main/cli.js', import.meta.url);
const mod = existsSync(built)
  ? await import(built.href)
  : await (async () => {
      const { register } = await import('tsx/esm/api');
      register();
      return import(new URL('../src/main/cli.ts', import.meta.url).href);
    })();
await mod.runCli(process.argv.slice(2), mod.processIo());
