/** A chat line as the bot reads it, from EventSub's `channel.chat.message`. */
export interface ChatMessage {
  readonly broadcasterId: string;
  readonly messageId: string;
  readonly chatterId: string;
  /** The name chat shows (for `@name` in replies). */
  readonly chatterName: string;
  readonly text: string;
  /** The chatter's badge set ids in this channel (`subscriber`, `vip`, `moderator`, `broadcaster` …). */
  readonly badges: readonly string[];
}

/** A channel-point redemption, from EventSub's `channel.channel_points_custom_reward_redemption.add`. */
export interface Redemption {
  readonly broadcasterId: string;
  readonly id: string;
  readonly rewardId: string;
  readonly userId: string;
  readonly userName: string;
  /** What the viewer typed: the description. */
  readonly input: string;
}
