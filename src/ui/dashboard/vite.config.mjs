// Builds the dashboard's front end into dist/ui: static files, nothing fetched at run time.
import { fileURLToPath } from 'node:url';

export default {
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: { outDir: fileURLToPath(new URL('../../../dist/ui', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 1000 },
};
