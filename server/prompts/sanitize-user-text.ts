import { InvalidInputError } from '../errors/index.js';

/** The most characters (Unicode code points, counted after cleaning) a streamer's description may have. */
export const MAX_USER_TEXT = 500;

/**
 * Raw input longer than this is refused before any cleaning, so a megabyte of zero-width spaces
 * cannot make the fixpoint loop below do quadratic work. Generous enough that no honest
 * description of ≤ 500 characters plus stray whitespace comes near it.
 */
export const MAX_RAW_USER_TEXT = 10 * MAX_USER_TEXT;

// Line breaks, tabs and the letters that render blank (Hangul fillers, braille blank) separate
// words, so they become spaces rather than vanish.
const BLANKS = /[\t\n\v\f\r\u0085\u2028\u2029\u115f\u1160\u3164\uffa0\u2800]/g;
// Controls (Cc), format characters (Cf: zero-width spaces and joiners, bidi overrides, BOM, tag
// characters), the combining grapheme joiner and lone surrogates (Cs) are invisible to a reader but
// not to a model; they are deleted outright so "ig\u200Bnore" cannot slip past the checks below.
const INVISIBLES = /[\p{Cc}\p{Cf}\p{Cs}]|\u034f/gu;
// Template syntax of every engine a prompt might pass through, plus the subject delimiters of the
// prompt layout (« » and the single guillemets) and fences of three or more quotes or backticks.
// `${name}` loses its closing brace too, so what is left reads as the plain word `name`.
const INTERPOLATION = /\$\{([^{}]*)\}/g;
const SYNTAX = /\{\{|\}\}|\$\{|<%|%>|\{%|%\}|<\|[^|]*\|>|[«»‹›]|(["'`])\1{2,}/g;

// `anyOf('a b')` is the group `(?:a|b)`; a word list reads better than a wall of alternations.
const anyOf = (words: string) => `(?:${words.split(' ').join('|')})`;
const OVERRIDE_VERB = anyOf('ignore disregard forget override bypass');
const OVERRIDE_FILLER = `(?:${anyOf('all any every each of the your my these those its everything')}\\s+)*`;
const OVERRIDE_WHAT = anyOf(
  'previous prior above earlier preceding former foregoing original existing initial system',
);
const OVERRIDE_NOUN = anyOf(
  'instructions? prompts? rules? directions? directives? messages? commands? context text guidelines? constraints?',
);

/**
 * Phrases that try to steer the model instead of describing a picture. They are deleted, not
 * replaced by a marker: an image model may paint any marker we put in their place. What remains
 * is ordinary description text inside the quoted subject section. No word boundaries: glued text
 * ("catsignore previous instructions") still reads as the phrase to a model, so it must go too.
 */
const OVERRIDES: readonly RegExp[] = [
  new RegExp(
    String.raw`${OVERRIDE_VERB}\s+${OVERRIDE_FILLER}${OVERRIDE_WHAT}(?:\s+${OVERRIDE_NOUN})?`,
    'giu',
  ),
  new RegExp(String.raw`${OVERRIDE_VERB}\s+${OVERRIDE_FILLER}${OVERRIDE_NOUN}`, 'giu'),
  /(?:ignore|disregard|forget)\s+(?:everything|all|the)\s+(?:above|before|so\s+far)/giu,
  /(?:new|updated|real|actual|revised|additional|hidden)\s+(?:instructions?|prompt|rules|task)\s*:/giu,
  /(?:system|assistant|developer|user|instructions?)\s*:/giu,
  // Narrow on purpose: "act as" or "pretend to be" describe pictures too often to delete.
  /you\s+are\s+now|from\s+now\s+on|developer\s+mode/giu,
  /<\/?\s*(?:system|instructions?|prompt|assistant|user)\s*>/giu,
];

/** One pass of every rule; run to a fixpoint because each removal can create a new match. */
function cleanOnce(text: string): string {
  let out = text.normalize('NFKC').replace(BLANKS, ' ').replace(INVISIBLES, '');
  out = out.replace(INTERPOLATION, '$1').replace(SYNTAX, '');
  for (const pattern of OVERRIDES) out = out.replace(pattern, ' ');
  return out.replace(/\s+/gu, ' ').trim();
}

/**
 * The one sanitizer for any text that reaches a prompt from outside the repository: strips
 * controls, template syntax and subject delimiters, deletes override phrases, collapses
 * whitespace. Idempotent, and never throws.
 */
export function cleanText(text: string): string {
  // Terminates: after the first pass NFKC can only shorten the text (no compatibility characters
  // are left to expand), and every other rule only deletes, so each changing pass is shorter.
  let current = text;
  for (;;) {
    const next = cleanOnce(current);
    if (next === current) return next;
    current = next;
  }
}

/** Length in code points, so an emoji counts as one character, as a streamer would count it. */
function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Cleans a streamer's description and enforces its limits: `INVALID_INPUT` when it is empty after
 * cleaning or longer than {@link MAX_USER_TEXT} characters after cleaning (so invisible
 * padding neither counts against the streamer nor sneaks past the cap).
 */
export function sanitizeUserText(text: string, field = 'prompt'): string {
  if (text.length > MAX_RAW_USER_TEXT) {
    throw new InvalidInputError(`${field} is far longer than the ${MAX_USER_TEXT}-character limit`, {
      field,
      maxLength: MAX_USER_TEXT,
    });
  }
  const cleaned = cleanText(text);
  if (cleaned === '') {
    throw new InvalidInputError(`${field} is empty once control characters and template syntax are removed`, {
      field,
    });
  }
  const length = codePointLength(cleaned);
  if (length > MAX_USER_TEXT) {
    throw new InvalidInputError(
      `${field} is ${length} characters after cleaning; the limit is ${MAX_USER_TEXT}`,
      { field, length, maxLength: MAX_USER_TEXT },
    );
  }
  return cleaned;
}

/**
 * Cleans one brand-kit string with the same rules as a description, so a brand kit cannot inject
 * instructions either. No length error: the brand-kit schema already bounds every field. May be empty.
 */
export function sanitizeBrandText(text: string): string {
  return cleanText(text);
}
