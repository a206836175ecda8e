import {
  cleanText,
  MAX_RAW_USER_TEXT,
  sanitizeUserText,
} from '../../../server/prompts/sanitize-user-text.js';

/** What the server will make of a description, worked out as the streamer types. */
export interface PromptCheck {
  /** Characters as the server counts them: code points after cleaning. */
  readonly length: number;
  /** The server's refusal, as a sentence; null when the text is acceptable or not yet written. */
  readonly refusal: string | null;
  /** True when the server would accept the text. */
  readonly acceptable: boolean;
  /** The cleaned text, when cleaning changed more than spacing (so the streamer sees what is sent). */
  readonly sentAs: string | null;
}

const codePoints = (text: string) => [...text].length;
const sentence = (message: string) => `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
const spaced = (text: string) => text.replace(/\s+/gu, ' ').trim();

/** Checks a description with the server's own sanitizer, so the counter and the refusal match the API. */
export function checkPrompt(text: string): PromptCheck {
  if (text.trim() === '') return { length: 0, refusal: null, acceptable: false, sentAs: null };
  try {
    const cleaned = sanitizeUserText(text);
    const sentAs = cleaned === spaced(text) ? null : cleaned;
    return { length: codePoints(cleaned), refusal: null, acceptable: true, sentAs };
  } catch (error) {
    // Past the raw cap the server refuses before cleaning, and so do we: cleaning it costs time.
    const length = text.length > MAX_RAW_USER_TEXT ? codePoints(text) : codePoints(cleanText(text));
    return { length, refusal: sentence((error as Error).message), acceptable: false, sentAs: null };
  }
}
