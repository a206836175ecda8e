import { describe, expect, it } from 'vitest';
import { ASSET_TYPES } from '../catalogue/index.js';
import { ERROR_CODE_NAMES } from '../vocabulary/index.js';
import { CHAT_AUDIENCES } from './chat-permission.js';
import {
  acknowledgedReply,
  cooldownReply,
  doneReply,
  failedReply,
  fitChatMessage,
  helpReply,
  MAX_CHAT_MESSAGE,
  missingPromptReply,
  missingTypeReply,
  notAllowedReply,
  refusedPromptReply,
  statusReply,
  unknownTypeReply,
} from './chat-replies.js';

const length = (text: string) => [...text].length;
const long = '🐱'.repeat(600);

describe('chat replies', () => {
  it('acknowledges with the queue position', () => {
    expect(acknowledgedReply({ user: 'viewer42', assetType: 'emote', position: 3 })).toBe(
      '@viewer42 on it: emote #3 in the queue',
    );
  });

  it('gives the public link when done', () => {
    expect(
      doneReply({ user: 'viewer42', assetType: 'sub_badge', url: 'https://studio.example/asset/a1' }),
    ).toBe('@viewer42 your badge is ready: https://studio.example/asset/a1');
  });

  it('tells a failure by its code, with when to try again', () => {
    expect(failedReply({ user: 'v', assetType: 'emote', code: 'CONTENT_POLICY' })).toBe(
      '@v your emote failed: the image model refused that description',
    );
    expect(
      failedReply({ user: 'v', assetType: 'panel', code: 'BUDGET_EXHAUSTED', retryInMs: 11_520_000 }),
    ).toBe('@v your panel failed: the channel’s daily budget is used up (try again in 3 h 12 min)');
    expect(failedReply({ user: 'v', assetType: 'emote', code: 'LEASE_LOST' })).toBe(
      '@v your emote failed: something went wrong on our side',
    );
  });

  it('has words for every code, none of them empty', () => {
    for (const code of ERROR_CODE_NAMES) {
      expect(failedReply({ user: 'v', assetType: 'emote', code })).toMatch(/^@v your emote failed: \S/);
    }
  });

  it('lists the syntax and every type in help, under the chosen prefix', () => {
    const help = helpReply('!make');
    expect(help).toContain('!make <type> <description>');
    expect(help).toContain('!make emote a cat in sunglasses');
    expect(help).toContain('!make status');
    for (const name of [
      'emote',
      'badge',
      'points icon',
      'panel',
      'pfp',
      'banner',
      'offline',
      'overlay',
      'thumbnail',
      'alert',
    ]) {
      expect(help).toContain(name);
    }
  });

  it('says the queue and what is left of the budget', () => {
    expect(statusReply({ user: 'v', queued: 4, budgetLeft: null })).toBe('@v 4 in the queue');
    expect(statusReply({ user: 'v', queued: 0, budgetLeft: 1 })).toBe(
      '@v 0 in the queue, 1 generation left today',
    );
    expect(statusReply({ user: 'v', queued: 2, budgetLeft: 7 })).toBe(
      '@v 2 in the queue, 7 generations left today',
    );
  });

  it('says who may generate when a chatter is below the threshold', () => {
    expect(notAllowedReply('subscribers')).toBe('only subscribers, VIPs and moderators can generate here');
    expect(notAllowedReply('broadcaster')).toBe('only the broadcaster can generate here');
    expect(cooldownReply(42_000)).toBe('on cooldown, 42 s left');
  });

  it('keeps every reply within Twitch’s 500 characters, whatever goes in', () => {
    const replies = [
      ...ASSET_TYPES.flatMap((assetType) => [
        acknowledgedReply({ user: long, assetType, position: Number.MAX_SAFE_INTEGER }),
        doneReply({ user: long, assetType, url: `https://x.example/${long}` }),
        failedReply({ user: long, assetType, code: 'PROVIDER_TIMEOUT', retryInMs: 1e15 }),
        missingPromptReply(long, assetType),
      ]),
      helpReply(long),
      statusReply({ user: long, queued: 1e9, budgetLeft: 1e9 }),
      ...CHAT_AUDIENCES.map(notAllowedReply),
      cooldownReply(1e15),
      missingTypeReply(long),
      unknownTypeReply(long),
      refusedPromptReply(long),
    ];
    for (const reply of replies) expect(length(reply)).toBeLessThanOrEqual(MAX_CHAT_MESSAGE);
    expect(length(doneReply({ user: 'v', assetType: 'emote', url: long }))).toBe(MAX_CHAT_MESSAGE);
  });

  it('cuts a long line on a character boundary and leaves a short one alone', () => {
    const cut = fitChatMessage(long);
    expect(length(cut)).toBe(MAX_CHAT_MESSAGE);
    expect(cut.endsWith('🐱…')).toBe(true);
    expect(fitChatMessage('hi')).toBe('hi');
    expect(fitChatMessage('a'.repeat(500))).toBe('a'.repeat(500));
  });
});
