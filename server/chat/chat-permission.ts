/** Who a channel lets generate from chat, lowest threshold first: each admits everyone after it. */
export const CHAT_AUDIENCES = ['everyone', 'subscribers', 'vips', 'moderators', 'broadcaster'] as const;

export type ChatAudience = (typeof CHAT_AUDIENCES)[number];

/** What a channel decides about who may generate. */
export interface ChatPermissionSettings {
  readonly who: ChatAudience;
}

/**
 * The audience each chat badge (its set id) places a chatter in. VIPs rank above subscribers as
 * in Twitch's own subscriber-only mode, which lets VIPs talk; `founder` replaces the `subscriber`
 * badge for a channel's first subscribers, and `lead_moderator` the `moderator` badge. Badges not
 * listed (`premium`, `bits`, …) say nothing about the channel and count as everyone.
 */
const BADGE_AUDIENCE: Readonly<Record<string, ChatAudience>> = {
  subscriber: 'subscribers',
  founder: 'subscribers',
  vip: 'vips',
  moderator: 'moderators',
  lead_moderator: 'moderators',
  broadcaster: 'broadcaster',
};

const rank = (audience: ChatAudience) => CHAT_AUDIENCES.indexOf(audience);

/** The highest audience a chatter's badge set ids place them in. */
export function chatAudienceOf(badges: Iterable<string>): ChatAudience {
  let best: ChatAudience = 'everyone';
  for (const badge of badges) {
    const audience = Object.hasOwn(BADGE_AUDIENCE, badge) ? BADGE_AUDIENCE[badge]! : 'everyone';
    if (rank(audience) > rank(best)) best = audience;
  }
  return best;
}

/** Whether a chatter with these badge set ids may generate; the broadcaster always may. */
export function chatPermission(badges: Iterable<string>, settings: ChatPermissionSettings): boolean {
  return rank(chatAudienceOf(badges)) >= rank(settings.who);
}
