import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BrandKitSchema, DEFAULT_BRAND_KIT } from '../brand/index.js';
import { ASSET_TYPES, type AssetType, isAssetType } from '../catalogue/index.js';
import { ConfigError, loadConfig } from '../config/index.js';
import { InvalidInputError, StudioError } from '../errors/index.js';
import { generateAsset } from '../generation/index.js';
import { loadPromptTemplates } from '../prompts/index.js';
import { createProvider } from '../providers/create-provider.js';

const USAGE =
  'usage: npm run generate -- --type <asset type> --prompt "<text>" --out DIR [--brand-kit FILE.json]';

/** A mistake in how the command was called: one line on stderr, exit code 2. */
class UsageError extends Error {}

async function readBrandKit(file: string | undefined) {
  if (!file) return DEFAULT_BRAND_KIT;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read brand kit ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`brand kit ${file} is not valid JSON`);
  }
  const parsed = BrandKitSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`brand kit ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

function readArgs(argv: string[]) {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        type: { type: 'string' },
        prompt: { type: 'string' },
        out: { type: 'string' },
        'brand-kit': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { type, prompt, out } = values;
  if (!type || prompt === undefined || !out) throw new UsageError(USAGE);
  if (!isAssetType(type))
    throw new UsageError(`unknown asset type "${type}"; one of: ${ASSET_TYPES.join(', ')}`);
  return { type: type as AssetType, prompt, out: resolve(out), brandKitFile: values['brand-kit'] };
}

/** `npm run generate` (see generate.ts): one asset from the command line, with no server and no keys. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = readArgs(argv);
    const brandKit = await readBrandKit(args.brandKitFile);
    const templates = await loadPromptTemplates();
    const started = performance.now();
    const result = await generateAsset(
      { templates, provider: await createProvider(loadConfig(process.env)) },
      { assetType: args.type, userText: args.prompt, brandKit },
    );
    await mkdir(args.out, { recursive: true });
    for (const file of result.files) {
      const path = join(args.out, `${args.type}-${file.width}x${file.height}.png`);
      await writeFile(path, file.data);
      console.log(`wrote ${path} (${file.width}×${file.height}, ${file.bytes} bytes)`);
    }
    console.log(`${result.image.model}: ${Math.round(performance.now() - started)} ms`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InvalidInputError || error instanceof ConfigError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof StudioError) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
