import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { TWITCH_HELPER_URL } from '../manifest/twitch-helper.js';
import { cssReferences } from './css-references.js';
import { htmlReferences } from './html-references.js';
import { PackageError } from './package-error.js';
import { scriptReferences } from './script-references.js';

const HAS_SCHEME = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** What one file needs beside it (as written in it) and what in it Twitch would refuse. */
function referencesOf(path: string, text: string): { local: string[]; problems: string[] } {
  if (path.endsWith('.html')) {
    const { local, remote, inlineScripts } = htmlReferences(text);
    const problems = remote
      .filter(({ tag, url }) => !(tag === 'script' && url === TWITCH_HELPER_URL))
      .map(
        ({ tag, url }) =>
          `<${tag}> loads ${url} from elsewhere; Twitch lets a view load only its helper from outside the zip`,
      );
    if (!remote.some(({ tag, url }) => tag === 'script' && url === TWITCH_HELPER_URL))
      problems.push(`does not load Twitch's helper (${TWITCH_HELPER_URL}), which every view must`);
    if (inlineScripts) problems.push(`has ${inlineScripts} inline <script>, which Twitch's CSP blocks`);
    return { local: [...local], problems };
  }
  if (/\.m?js$/.test(path)) {
    const { specifiers, forbidden } = scriptReferences(text);
    return {
      local: specifiers.filter((s) => s.startsWith('./') || s.startsWith('../')),
      problems: [
        ...specifiers
          .filter((s) => !s.startsWith('./') && !s.startsWith('../'))
          .map((s) => `imports "${s}", which is not a file in the zip (Twitch runs only code shipped in it)`),
        ...forbidden.map((f) => `${f}: Twitch refuses code that turns strings into code`),
      ],
    };
  }
  if (path.endsWith('.css')) {
    const urls = cssReferences(text);
    return {
      local: urls.filter((url) => !HAS_SCHEME.test(url)),
      problems: urls
        .filter((url) => HAS_SCHEME.test(url))
        .map((url) => `loads ${url} from elsewhere; ship it in the zip instead`),
    };
  }
  return { local: [], problems: [] };
}

/** Where `reference`, written in the file at `from`, points inside the zip; or why it cannot. */
function resolveReference(from: string, reference: string): { path: string } | { problem: string } {
  const bare = reference.replace(/[?#].*$/, '');
  if (bare.startsWith('/'))
    return { problem: `refers to ${reference} from the root; Twitch serves the zip under a path of its own` };
  let decoded: string;
  try {
    decoded = decodeURI(bare);
  } catch {
    return { problem: `refers to ${reference}, which is not a valid URL` };
  }
  const path = posix.normalize(posix.join(posix.dirname(from), decoded));
  if (path.startsWith('../')) return { problem: `refers to ${reference}, outside the extension` };
  return { path };
}

/** The view `pages` in `buildDir` and every file they load (zip path → bytes), or a `PackageError` naming each fault. */
export async function extensionFiles(
  buildDir: string,
  pages: readonly string[],
): Promise<Map<string, Buffer>> {
  // Followed from the pages rather than listed from the folder: the build also holds the rig,
  // its stand-in helper and the stamp, which must not reach Twitch.
  const files = new Map<string, Buffer>();
  const problems: string[] = [];
  const queue = pages.map((path) => ({ path, from: undefined as string | undefined }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { path, from } = next;
    if (files.has(path)) continue;
    const data = await readFile(join(buildDir, path)).catch(() => null);
    if (!data) {
      problems.push(from ? `${from} loads ${path}, which the build did not write` : `${path} was not built`);
      continue;
    }
    files.set(path, data);
    const { local, problems: own } = referencesOf(path, data.toString('utf8'));
    problems.push(...own.map((problem) => `${path} ${problem}`));
    for (const reference of local) {
      const target = resolveReference(path, reference);
      if ('problem' in target) problems.push(`${path} ${target.problem}`);
      else queue.push({ path: target.path, from: path });
    }
  }
  if (problems.length) throw new PackageError(problems);
  return files;
}
