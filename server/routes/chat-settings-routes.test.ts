import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS } from '../chat/chat-command-settings.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

describe('chat settings', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await createTestStudio({ worker: false });
  });
  afterAll(() => studio.close());

  const read = (channelId: string, role: 'broadcaster' | 'moderator' = 'broadcaster') =>
    studio.call('/api/v1/chat/settings', { token: studio.token(channelId, role) });
  const put = (channelId: string, body: unknown) =>
    studio.call('/api/v1/chat/settings', { token: studio.token(channelId), method: 'PUT', body });

  it('shows the defaults until the broadcaster changes something', async () => {
    const response = await read('8001', 'moderator');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(DEFAULT_CHAT_SETTINGS);
  });

  it('merges a patch over what is stored, keeps the rest, and audits the change', async () => {
    expect((await put('8002', { prefix: '!art', aliases: ['!make', '!draw'] })).status).toBe(200);
    const response = await put('8002', { who: 'vips', userCooldownSeconds: 0, publishAtOnce: true });
    const changed = {
      ...DEFAULT_CHAT_SETTINGS,
      prefix: '!art',
      aliases: ['!make', '!draw'],
      who: 'vips',
      userCooldownSeconds: 0,
      publishAtOnce: true,
    };
    expect(await response.json()).toEqual(changed);
    expect(await (await read('8002')).json()).toEqual(changed);
    expect(await (await read('8001')).json()).toEqual(DEFAULT_CHAT_SETTINGS);

    const audit = (await (await studio.call('/api/v1/audit', { token: studio.token('8002') })).json()) as {
      items: { action: string; details: unknown }[];
    };
    expect(audit.items.map((entry) => [entry.action, entry.details])).toEqual([
      ['chat.update', { who: 'vips', userCooldownSeconds: 0, publishAtOnce: true }],
      ['chat.update', { prefix: '!art', aliases: ['!make', '!draw'] }],
    ]);
  });

  it('changes and audits nothing for an empty patch', async () => {
    expect(await (await put('8003', {})).json()).toEqual(DEFAULT_CHAT_SETTINGS);
    const audit = (await (await studio.call('/api/v1/audit', { token: studio.token('8003') })).json()) as {
      items: unknown[];
    };
    expect(audit.items).toEqual([]);
  });

  it.each([
    [{ prefix: '' }, 'prefix'],
    [{ prefix: 'two words' }, 'prefix'],
    [{ prefix: 'x'.repeat(21) }, 'prefix'],
    [{ prefix: 7 }, 'prefix'],
    [{ aliases: ['!a', '!b', '!c', '!d', '!e', '!f'] }, 'aliases'],
    [{ aliases: ['!make', '!MAKE'] }, 'aliases'],
    [{ aliases: ['fine', 'not fine'] }, 'aliases.1'],
    [{ aliases: ['!gen'] }, 'aliases'],
    [{ aliases: ['!x'], prefix: '!X' }, 'aliases'],
    [{ who: 'followers' }, 'who'],
    [{ userCooldownSeconds: -1 }, 'userCooldownSeconds'],
    [{ channelCooldownSeconds: 86_401 }, 'channelCooldownSeconds'],
    [{ channelCooldownSeconds: 1.5 }, 'channelCooldownSeconds'],
    [{ enabled: 'yes' }, 'enabled'],
    [{ publishAtOnce: null }, 'publishAtOnce'],
    [{ cooldown: 5 }, ''],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const error = await expectApiError(await put('8004', body), 400, 'INVALID_INPUT');
    expect((error.details as { path: string }[])[0]?.path).toBe(field);
  });

  it('refuses a new prefix that is already an alias, naming the prefix', async () => {
    await put('8005', { aliases: ['!make'] });
    const error = await expectApiError(await put('8005', { prefix: '!Make' }), 400, 'INVALID_INPUT');
    expect(error.details).toEqual([{ path: 'prefix', message: 'is already one of the aliases' }]);
    expect(await (await read('8005')).json()).toMatchObject({ prefix: '!gen', aliases: ['!make'] });
  });

  it('is the broadcaster’s to change', async () => {
    const response = await studio.call('/api/v1/chat/settings', {
      token: studio.token('8006', 'moderator'),
      method: 'PUT',
      body: { enabled: false },
    });
    await expectApiError(response, 403, 'FORBIDDEN');
  });
});
