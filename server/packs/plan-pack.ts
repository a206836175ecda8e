import { InvalidInputError } from '../errors/index.js';
import { sanitizeUserText } from '../prompts/index.js';
import { PACK_GROUPS, type PackGroup, type PackPiece } from './pack-plan-types.js';

/** The most emote subjects one pack takes: each is a generation against the channel's budget. */
export const MAX_PACK_SUBJECTS = 6;
/** The most characters of one subject once cleaned: an emote is one idea. */
export const MAX_SUBJECT_LENGTH = 100;
/** The emotes a pack makes when no subject is given: the reactions chat uses most. */
export const DEFAULT_SUBJECTS = ['laughing hard', 'hyped and cheering', 'sending love'];
/** The panels of a pack, each titled with its word. */
export const PANEL_TITLES = ['About', 'Schedule', 'Rules', 'Support'] as const;
/** The subscriber badge tiers a pack makes, in months: Twitch's standard progression. */
export const BADGE_TIERS = [1, 3, 6, 12, 24, 36] as const;

/** What a pack is asked for, before it is planned. */
export interface PackRequest {
  readonly subjects?: readonly string[] | undefined;
  readonly include?: readonly PackGroup[] | undefined;
}

const MASCOT = 'the channel mascot';

/** The badge's emblem grows richer with each tier, so the six read as one progression. */
const BADGE_STAGES: Record<(typeof BADGE_TIERS)[number], string> = {
  1: 'the plainest form: a simple bronze-toned frame, no gem',
  3: 'a silver-toned frame with one small gem',
  6: 'a gold-toned frame with one larger gem',
  12: 'a gold frame with a gem and small wings or laurels',
  24: 'an ornate gold frame with three gems, wings and a small crown',
  36: 'the grandest form: a radiant frame with a crown, wings, three gems and a glowing aura',
};

// In words: the badge template forbids digits on the badge, and a digit in the prompt invites one.
const STEP_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

/** A subject as a file-name slug: lowercase ASCII words joined by `_`, at most 24 characters. */
export function subjectSlug(subject: string): string {
  const words = subject
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}_${word}` : word;
    if (next.length > 24) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, 24) || '';
}

/** Each subject cleaned like any prompt; `INVALID_INPUT` naming `subjects.<i>` for one left empty or too long. */
export function cleanSubjects(subjects: readonly string[]): string[] {
  if (subjects.length > MAX_PACK_SUBJECTS)
    throw new InvalidInputError(`a pack takes at most ${MAX_PACK_SUBJECTS} subjects`, [
      { path: 'subjects', message: `at most ${MAX_PACK_SUBJECTS} subjects` },
    ]);
  return subjects.map((subject, i) => {
    let cleaned: string;
    try {
      cleaned = sanitizeUserText(subject);
    } catch {
      cleaned = '';
    }
    if (cleaned.length === 0 || [...cleaned].length > MAX_SUBJECT_LENGTH)
      throw new InvalidInputError(`subject ${i + 1} must be 1 to ${MAX_SUBJECT_LENGTH} characters of text`, [
        { path: `subjects.${i}`, message: `1 to ${MAX_SUBJECT_LENGTH} characters of text` },
      ]);
    return cleaned;
  });
}

function emotePieces(subjects: readonly string[]): PackPiece[] {
  const taken = new Set<string>();
  return subjects.map((subject, i) => {
    const base = `emote_${subjectSlug(subject) || String(i + 1)}`;
    let key = base;
    for (let n = 2; taken.has(key); n += 1) key = `${base}_${n}`;
    taken.add(key);
    return {
      key,
      assetType: 'emote',
      prompt: `${MASCOT} as a chat emote: ${subject}`,
      title: `Emote: ${subject}`,
    };
  });
}

const GROUP_PIECES: Record<PackGroup, (subjects: readonly string[]) => PackPiece[]> = {
  profile_picture: () => [
    {
      key: 'profile_picture',
      assetType: 'profile_picture',
      prompt: `${MASCOT}: one friendly, memorable character that embodies the brand, head and shoulders, looking at the viewer`,
      title: 'Profile picture',
    },
  ],
  profile_banner: () => [
    {
      key: 'profile_banner',
      assetType: 'profile_banner',
      prompt: `a wide channel banner: ${MASCOT} at one side in a scene of the brand's world, open space for the channel name`,
      title: 'Profile banner',
    },
  ],
  offline_screen: () => [
    {
      key: 'offline_screen',
      assetType: 'offline_screen',
      prompt: `an offline screen: ${MASCOT} resting or asleep, with a calm "offline" mood and room for a short message`,
      title: 'Offline screen',
    },
  ],
  panels: () =>
    PANEL_TITLES.map((word) => ({
      key: `panel_${word.toLowerCase()}`,
      assetType: 'panel',
      prompt: `a panel header with the heading "${word}", decorated with small motifs of the brand`,
      title: `Panel: ${word}`,
    })),
  emotes: emotePieces,
  sub_badges: () =>
    BADGE_TIERS.map((months) => ({
      key: `sub_badge_${months}_month${months === 1 ? '' : 's'}`,
      assetType: 'sub_badge',
      prompt: `the channel's emblem as a subscriber badge, the ${STEP_WORDS[BADGE_TIERS.indexOf(months)]} step of a six-step progression of the same emblem: ${BADGE_STAGES[months]}`,
      title: `Sub badge: ${months} month${months === 1 ? '' : 's'}`,
    })),
};

/**
 * The pieces of a pack, lead first: the profile picture (the mascot every other piece is styled
 * after) when included, else the first included piece. Groups come in `PACK_GROUPS` order whatever
 * order `include` names them in; no subjects means `DEFAULT_SUBJECTS`.
 */
export function planPack(request: PackRequest = {}): PackPiece[] {
  const include = new Set(request.include ?? PACK_GROUPS);
  if (include.size === 0)
    throw new InvalidInputError('a pack must include at least one group', [
      { path: 'include', message: `at least one of ${PACK_GROUPS.join(', ')}` },
    ]);
  const subjects =
    request.subjects && request.subjects.length > 0 ? cleanSubjects(request.subjects) : DEFAULT_SUBJECTS;
  return PACK_GROUPS.filter((group) => include.has(group)).flatMap((group) => GROUP_PIECES[group](subjects));
}
