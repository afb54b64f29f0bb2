// `vite build -c test/serverBundle.vite.config.ts --outDir DIR`: the server (apps/server/src/main.ts)
// as one file, DIR/main.mjs, for the tests that start it as a process (test/buildServer.ts). A
// start then loads one module instead of taking a hundred TypeScript modules through tsx's hooks,
// which was half of the CPU of a start. It is the code `npm start` runs: the workspace's packages
// are bundled, the others load from node_modules as they do for the sources, and every module
// keeps its own `import.meta.url`, so the paths it resolves are the sources' paths.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  build: {
    ssr: fileURLToPath(new URL('../apps/server/src/main.ts', import.meta.url)),
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rollupOptions: { output: { entryFileNames: 'main.mjs' } },
  },
  ssr: { noExternal: [/^@hourglass\//] },
  plugins: [
    {
      name: 'own-import-meta-url',
      transform(code, id) {
        return code.includes('import.meta.url') ? code.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(id).href)) : null;
      },
    },
  ],
});
