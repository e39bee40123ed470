import { existsSync } from 'node:fs';
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { staleAssets } from './scripts/stale-assets.ts';

/**
 * Multi-page build of the client: the respondent app (phone and kiosk), the translators'
 * preview and the researchers' pages, each its own entry, sharing chunks. Assets are written
 * with brotli and gzip siblings so the server sends them precompressed.
 */

const root = path.resolve(import.meta.dirname, 'client');
const outDir = path.resolve(import.meta.dirname, 'dist/client');
const pages = ['respondent', 'preview', 'researcher', 'translate'].filter((page) => existsSync(path.join(root, `${page}.html`)));

const compressible = /\.(js|mjs|css|html|json|svg|txt|map)$/;

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/**
 * `virtual:region-names/<lang>`: country names from the build machine's CLDR (Node's full ICU),
 * for languages a browser's Intl does not know (Chromium has no Tigrinya). Generated, never typed.
 */
function regionNames(): Plugin {
  const prefix = 'virtual:region-names/';
  return {
    name: 'wavepanel-region-names',
    resolveId: (source) => (source.startsWith(prefix) ? `\0${source}` : undefined),
    async load(id) {
      if (!id.startsWith(`\0${prefix}`)) return undefined;
      const language = id.slice(prefix.length + 1);
      const { iso3166 } = JSON.parse(await readFile(path.resolve(import.meta.dirname, 'surveys/countries.json'), 'utf8')) as { iso3166: string[] };
      const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
      if (names.resolvedOptions().locale !== language) throw new Error(`Node's ICU has no region names for ${language}`);
      return `export default ${JSON.stringify(Object.fromEntries(iso3166.map((code) => [code, names.of(code) ?? code])))};`;
    },
  };
}

/**
 * After a build: this build's files get brotli and gzip siblings; files of earlier builds stay in
 * `assets/` for pages still open (a running server's HTML pointed at them until now) and are
 * deleted a week after they were written (`scripts/stale-assets.ts`).
 */
function precompressAndPrune(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  const written = new Set<string>();
  return {
    name: 'wavepanel-precompress',
    apply: 'build',
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) written.add(path.join(outDir, name));
    },
    async closeBundle() {
      for (const file of written) {
        if (!compressible.test(file)) continue;
        const content = await readFile(file);
        if (content.length < 512) continue;
        const [br, gzipped] = await Promise.all([
          brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
          gz(content, { level: 9 }),
        ]);
        if (br.length < content.length) await writeFile(`${file}.br`, br);
        if (gzipped.length < content.length) await writeFile(`${file}.gz`, gzipped);
      }
      const built = [];
      for await (const file of files(outDir)) built.push({ name: file, modifiedMs: (await stat(file)).mtimeMs });
      for (const file of staleAssets(built, written, Date.now())) await rm(file);
    },
  };
}

/**
 * `dist/client/preloads.json`: what the letter's link (`/t/<token>`) lets the browser fetch at once,
 * because the person taps Start the moment it shows: the SurveyJS chunk with its imports and CSS,
 * and per language the scripts it needs (country names the browser may lack, SurveyJS's strings).
 */
function preloads(): Plugin {
  const surveyModule = path.join(root, 'shared', 'survey', 'RespondentSurvey.tsx');
  return {
    name: 'wavepanel-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? [item] : []));
      const survey = chunks.find((chunk) => chunk.facadeModuleId === surveyModule);
      const entry = chunks.find((chunk) => chunk.isEntry && chunk.name === 'respondent');
      if (!survey || !entry) throw new Error('no respondent entry or survey chunk to preload');
      const inEntry = new Set([entry.fileName, ...entry.imports]);
      const scripts = [survey.fileName, ...survey.imports].filter((file) => !inEntry.has(file));
      const styles = [survey, ...chunks.filter((chunk) => scripts.includes(chunk.fileName))].flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]);
      const url = (file: string) => `/${file}`;
      // Per language: country names generated for a language the browser may not know
      // (`regionNames()`), and survey-core's dictionary for it (`survey-locales.ts`).
      const languageScripts: Record<string, string[]> = {};
      for (const chunk of chunks) {
        const language =
          chunk.facadeModuleId?.match(/^\0virtual:region-names\/(\w+)$/)?.[1] ??
          (/\/survey-core\/fesm\/i18n\/[\w-]+\.mjs$/.test(chunk.facadeModuleId ?? '') ? chunk.code.match(/localeCode:\s*"(\w+)"/)?.[1] : undefined);
        if (language) (languageScripts[language] ??= []).push(url(chunk.fileName));
      }
      this.emitFile({
        type: 'asset',
        fileName: 'preloads.json',
        source: JSON.stringify(
          { scripts: scripts.map(url), styles: [...new Set(styles)].map(url), languageScripts },
          null,
          2,
        ),
      });
    },
  };
}

/**
 * What every page's first screen needs goes into one chunk (React, the language chooser,
 * the app's Dutch strings and how they load): left to itself Rollup splits the code the four
 * entries share into several small chunks, and each extra file on the respondent's first load
 * costs gzip a dictionary and the phone a request (about 0.4 KiB of gzip here).
 */
const shell = /\/node_modules\/(react|react-dom|scheduler)\/|\/client\/shared\/(i18n|i18n-react|languages|document-language|api-client|LanguageChooser|ErrorMessage|useLanguage)\.tsx?$|\/locales\/nl\/app\.json$|vite\/preload-helper/;

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [react(), regionNames(), preloads(), precompressAndPrune()],
  build: {
    outDir,
    // Never emptied: pages loaded before a build still need their chunks (see precompressAndPrune).
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: Object.fromEntries(pages.map((page) => [page, path.join(root, `${page}.html`)])),
      output: { manualChunks: (id) => (shell.test(id) ? 'shell' : undefined) },
    },
  },
  server: { host: '127.0.0.1', fs: { allow: [import.meta.dirname] } },
});
