import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { build, type Loader, type Plugin } from 'esbuild';
import { writeBuildStamp } from './build-stamp.js';
import { ROOT, SERVER_DIST } from './dist-paths.js';

/** What `npm start` and `npm run generate` run (`<name>.js`), by the source each is bundled from. */
export const SERVER_ENTRIES = {
  main: join(ROOT, 'server', 'main.ts'),
  generate: join(ROOT, 'server', 'cli', 'generate.ts'),
} as const;

const META = /\bimport\.meta\.(url|dirname|filename)\b/g;

/**
 * Points each module's `import.meta` back at its source file: the migrations, prompts and
 * built fronts are found relative to the source tree, wherever the bundle sits. Stays relative
 * to the bundle's own URL, so the checkout can move. (A bundled `import.meta.url ===
 * process.argv[1]` main-module check would no longer hold: the server has none.)
 */
function importMetaOfSource(outDir: string): Plugin {
  return {
    name: 'import-meta-of-source',
    setup(plugin) {
      plugin.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const url = `new URL(${JSON.stringify(relative(outDir, args.path).split(sep).join('/'))}, import.meta.url)`;
        const contents = source.replace(META, (_, field: string) => {
          if (field === 'url') return `${url}.href`;
          if (field === 'filename') return `__sourcePath(${url})`;
          return `__sourceDirname(__sourcePath(${url}))`;
        });
        return { contents, loader: extname(args.path).slice(1) as Loader, resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * Bundles the entries (our code; packages stay in node_modules) and returns the source files
 * read. Split into chunks, so what a server loads only when configured (`import()` of the Gemini
 * provider, the Twitch bot) stays in a chunk of its own with its packages, not loaded at start.
 * Every file lands in `outDir` itself, so each module's path back to its source is the same
 * from whichever file it ends up in.
 */
async function bundle(outDir: string): Promise<string[]> {
  const result = await build({
    entryPoints: SERVER_ENTRIES,
    outdir: outDir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    splitting: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    banner: {
      js: "import { fileURLToPath as __sourcePath } from 'node:url'; import { dirname as __sourceDirname } from 'node:path';",
    },
    plugins: [importMetaOfSource(outDir)],
  });
  // Each file written aside and renamed: a server starting meanwhile runs the old bundle or the new, never half of one.
  for (const output of result.outputFiles) {
    const partial = `${output.path}.${process.pid}`;
    await mkdir(dirname(output.path), { recursive: true });
    await writeFile(partial, output.contents);
    await rename(partial, output.path);
  }
  // Chunks of earlier builds go (their names are hashes); a server runs those it needs at start.
  const written = new Set(result.outputFiles.map((output) => basename(output.path)));
  for (const name of await readdir(outDir))
    if (/^chunk-\w+\.js(\.map)?$/.test(name) && !written.has(name))
      await rm(join(outDir, name), { force: true });
  return Object.keys(result.metafile.inputs).map((input) => resolve(ROOT, input));
}

/**
 * Compiles the server and the CLI to JavaScript under `outDir`, so starting them transpiles
 * nothing, and stamps what it read for `--if-stale`.
 */
export async function buildServer(outDir = SERVER_DIST): Promise<void> {
  const modules = new Set<string>([join(ROOT, 'tools', 'build-server.ts'), ...(await bundle(outDir))]);
  await writeBuildStamp(outDir, [...modules].sort());
}
