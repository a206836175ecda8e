import type { Caller } from '../auth/caller.js';

/**
 * The caller a chat command or a redemption queues its job as. Chat acts on the broadcaster's
 * behalf: they connected their account and chose, in the chat settings, who in chat may generate
 * (`chatPermission` decides that before any job is asked for). The principal names the chatter, so
 * the audit trail says who it was.
 */
export function twitchCaller(
  channelId: string,
  twitchUserId: string,
  via: 'twitch_chat' | 'channel_points',
): Caller {
  const prefix = via === 'twitch_chat' ? 'twitch-chat' : 'channel-points';
  return {
    channelId,
    role: 'broadcaster',
    userId: twitchUserId,
    principal: `${prefix}:${twitchUserId}`,
    via,
  };
}
