import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS } from '../../../server/chat/chat-command-settings.js';
import { chatSettingsPatch, formFromSettings, readChatForm } from './chat-settings-form.js';

const form = formFromSettings({ ...DEFAULT_CHAT_SETTINGS, aliases: ['!art', '!draw'] });

describe('the chat settings form', () => {
  it('reads back the settings it was filled from, aliases split on spaces or commas', () => {
    expect(form.aliases).toBe('!art !draw');
    expect(readChatForm(form)).toEqual({
      settings: { ...DEFAULT_CHAT_SETTINGS, aliases: ['!art', '!draw'] },
    });
    expect(readChatForm({ ...form, aliases: ' !a,!b ,  !c ', prefix: ' !x ' })).toMatchObject({
      settings: { prefix: '!x', aliases: ['!a', '!b', '!c'] },
    });
  });

  it.each([
    [{ prefix: '' }, 'prefix', /give the word/],
    [{ prefix: 'two words' }, 'prefix', /one word/],
    [{ prefix: 'x'.repeat(21) }, 'prefix', /at most 20 characters/],
    [{ aliases: '!a !b !c !d !e !f' }, 'aliases', /at most 5 words/],
    [{ aliases: `!a ${'y'.repeat(21)}` }, 'aliases', /each at most 20/],
    [{ aliases: '!a !A' }, 'aliases', /twice/],
    [{ aliases: '!GEN' }, 'aliases', /already the prefix/],
    [{ userCooldownSeconds: '' }, 'userCooldownSeconds', /whole number of seconds from 0 to 86,400/],
    [{ userCooldownSeconds: '1.5' }, 'userCooldownSeconds', /whole number/],
    [{ channelCooldownSeconds: '-1' }, 'channelCooldownSeconds', /whole number/],
    [{ channelCooldownSeconds: '86401' }, 'channelCooldownSeconds', /whole number/],
  ])('refuses %j beside %s', (change, field, message) => {
    const read = readChatForm({ ...form, ...change });
    expect(read).toHaveProperty(['problems', field], expect.stringMatching(message));
    expect(Object.keys((read as { problems: object }).problems)).toEqual([field]);
  });

  it('sends only what changed', () => {
    const next = {
      ...DEFAULT_CHAT_SETTINGS,
      aliases: ['!art'],
      userCooldownSeconds: 0,
      who: 'everyone' as const,
    };
    expect(chatSettingsPatch({ ...DEFAULT_CHAT_SETTINGS, aliases: ['!art', '!draw'] }, next)).toEqual({
      aliases: ['!art'],
      userCooldownSeconds: 0,
      who: 'everyone',
    });
    const stored = { ...DEFAULT_CHAT_SETTINGS, aliases: ['!art'] };
    expect(chatSettingsPatch(stored, { ...stored, aliases: ['!art'] })).toEqual({});
  });
});
