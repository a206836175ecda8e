import type { IssuedToken } from './twitch-tokens.js';
import {
  type RedemptionStatus,
  redemptionData,
  rewardData,
  type StoredRedemption,
  type StoredReward,
  type TwitchUser,
  twitchError,
  userData,
} from './twitch-wire.js';

/** A chat message sent through `POST /chat/messages`, as the stand-in recorded it. */
export interface SentChatMessage {
  readonly at: number;
  readonly messageId: string;
  readonly broadcasterId: string;
  readonly senderId: string;
  readonly clientId: string;
  readonly message: string;
  readonly replyParentMessageId: string | undefined;
}

/** One Helix call, already authenticated. */
export interface HelixCall {
  readonly method: string;
  readonly route: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
  readonly token: IssuedToken;
}

/** A Helix answer: status and JSON body (undefined for 204). */
export interface HelixAnswer {
  readonly status: number;
  readonly body?: unknown;
}

const SCOPES: Record<string, readonly string[]> = {
  'POST chat/messages': ['user:write:chat'],
  'GET channel_points/custom_rewards': ['channel:read:redemptions', 'channel:manage:redemptions'],
  'POST channel_points/custom_rewards': ['channel:manage:redemptions'],
  'PATCH channel_points/custom_rewards': ['channel:manage:redemptions'],
  'DELETE channel_points/custom_rewards': ['channel:manage:redemptions'],
  'GET channel_points/custom_rewards/redemptions': ['channel:read:redemptions', 'channel:manage:redemptions'],
  'PATCH channel_points/custom_rewards/redemptions': ['channel:manage:redemptions'],
};

const fail = (status: number, message: string): HelixAnswer => ({
  status,
  body: twitchError(status, message),
});

/** The Helix subset chat commands and channel points need: users, send chat, custom rewards, redemptions. */
export class TwitchHelix {
  readonly users = new Map<string, TwitchUser>();
  readonly chatMessages: SentChatMessage[] = [];
  readonly rewards = new Map<string, StoredReward>();
  readonly redemptions = new Map<string, StoredRedemption>();
  readonly #createdAt = new Date().toISOString();

  /** Answers one call; unknown routes get 404. */
  handle(call: HelixCall): HelixAnswer {
    const key = `${call.method} ${call.route}`;
    const needed = SCOPES[key];
    if (needed && !needed.some((scope) => call.token.scopes.includes(scope))) {
      return fail(401, `Missing scope: ${needed.join(' or ')}`);
    }
    switch (key) {
      case 'GET users':
        return this.#users(call);
      case 'POST chat/messages':
        return this.#sendChat(call);
      case 'GET channel_points/custom_rewards':
      case 'POST channel_points/custom_rewards':
      case 'PATCH channel_points/custom_rewards':
      case 'DELETE channel_points/custom_rewards':
        return this.#rewards(call);
      case 'GET channel_points/custom_rewards/redemptions':
      case 'PATCH channel_points/custom_rewards/redemptions':
        return this.#redemptions(call);
      default:
        return fail(404, `no route ${key}`);
    }
  }

  /** Stores a viewer's redemption (status UNFULFILLED) of a reward. */
  redeem(rewardId: string, user: TwitchUser, userInput: string): StoredRedemption {
    const reward = this.rewards.get(rewardId);
    if (!reward) throw new Error(`no reward ${rewardId}`);
    const redemption: StoredRedemption = {
      id: crypto.randomUUID(),
      rewardId,
      broadcasterId: reward.broadcasterId,
      user,
      userInput,
      status: 'UNFULFILLED',
      redeemedAt: new Date().toISOString(),
    };
    this.redemptions.set(redemption.id, redemption);
    return redemption;
  }

  /** A registered user; throws for one the test never added. */
  user(id: string): TwitchUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`the stand-in knows no user ${id}; add it first`);
    return user;
  }

  #users(call: HelixCall): HelixAnswer {
    const ids = call.query.getAll('id');
    const logins = call.query.getAll('login');
    const all = [...this.users.values()];
    const found =
      ids.length || logins.length
        ? all.filter((u) => ids.includes(u.id) || logins.includes(u.login))
        : all.filter((u) => u.id === call.token.userId);
    return { status: 200, body: { data: found.map((u) => userData(u, this.#createdAt)) } };
  }

  #sendChat(call: HelixCall): HelixAnswer {
    const broadcasterId = call.query.get('broadcaster_id') ?? '';
    const senderId = call.query.get('sender_id') ?? '';
    if (!broadcasterId || !senderId) return fail(400, 'Missing required parameter');
    if (senderId !== call.token.userId) {
      return fail(403, 'The sender_id in the request must match the user ID in the access token.');
    }
    const message = String(call.body.message ?? '');
    if (!message || message.length > 500)
      return fail(400, 'The message is empty or longer than 500 characters.');
    const sent: SentChatMessage = {
      at: Date.now(),
      messageId: crypto.randomUUID(),
      broadcasterId,
      senderId,
      clientId: call.token.clientId,
      message,
      replyParentMessageId: call.body.reply_parent_message_id as string | undefined,
    };
    this.chatMessages.push(sent);
    return {
      status: 200,
      body: { data: [{ message_id: sent.messageId, is_sent: true, drop_reason: null }] },
    };
  }

  #rewards(call: HelixCall): HelixAnswer {
    const broadcasterId = call.query.get('broadcaster_id') ?? '';
    if (broadcasterId !== call.token.userId) {
      return fail(403, "The ID in broadcaster_id must match the user ID found in the request's OAuth token.");
    }
    const broadcaster = this.user(broadcasterId);
    const answer = (rewards: StoredReward[]) => ({
      status: 200,
      body: { data: rewards.map((r) => rewardData(r, broadcaster)) },
    });
    if (call.method === 'GET') {
      const ids = call.query.getAll('id');
      const manageable = call.query.get('only_manageable_rewards') === 'true';
      return answer(
        [...this.rewards.values()].filter(
          (r) =>
            r.broadcasterId === broadcasterId &&
            (!ids.length || ids.includes(r.id)) &&
            (!manageable || r.clientId === call.token.clientId),
        ),
      );
    }
    if (call.method === 'POST') {
      const b = call.body;
      if (!b.title || typeof b.cost !== 'number' || b.cost < 1)
        return fail(400, 'title and cost are required');
      const reward: StoredReward = {
        id: crypto.randomUUID(),
        broadcasterId,
        clientId: call.token.clientId,
        title: String(b.title),
        cost: b.cost,
        prompt: String(b.prompt ?? ''),
        isEnabled: b.is_enabled !== false,
        isPaused: b.is_paused === true,
        isUserInputRequired: b.is_user_input_required === true,
        backgroundColor: String(b.background_color ?? '#9147FF'),
        skipQueue: b.should_redemptions_skip_request_queue === true,
        createdAt: new Date().toISOString(),
      };
      this.rewards.set(reward.id, reward);
      return answer([reward]);
    }
    const reward = this.rewards.get(call.query.get('id') ?? '');
    if (!reward || reward.broadcasterId !== broadcasterId) return fail(404, 'Not Found');
    if (reward.clientId !== call.token.clientId) {
      return fail(403, 'The client-id does not match the client-id of the reward.');
    }
    if (call.method === 'DELETE') {
      this.rewards.delete(reward.id);
      return { status: 204 };
    }
    const b = call.body;
    if (b.title !== undefined) reward.title = String(b.title);
    if (typeof b.cost === 'number') reward.cost = b.cost;
    if (b.prompt !== undefined) reward.prompt = String(b.prompt);
    if (typeof b.is_enabled === 'boolean') reward.isEnabled = b.is_enabled;
    if (typeof b.is_paused === 'boolean') reward.isPaused = b.is_paused;
    return answer([reward]);
  }

  #redemptions(call: HelixCall): HelixAnswer {
    const broadcasterId = call.query.get('broadcaster_id') ?? '';
    if (broadcasterId !== call.token.userId) {
      return fail(403, "The ID in broadcaster_id must match the user ID found in the request's OAuth token.");
    }
    const reward = this.rewards.get(call.query.get('reward_id') ?? '');
    if (!reward || reward.broadcasterId !== broadcasterId) return fail(404, 'Not Found');
    if (reward.clientId !== call.token.clientId) {
      return fail(403, 'The client-id does not match the client-id of the reward.');
    }
    const broadcaster = this.user(broadcasterId);
    const ids = call.query.getAll('id');
    const ofReward = [...this.redemptions.values()].filter(
      (r) => r.rewardId === reward.id && (!ids.length || ids.includes(r.id)),
    );
    const answer = (list: StoredRedemption[]) => ({
      status: 200,
      body: { data: list.map((r) => redemptionData(r, reward, broadcaster)) },
    });
    if (call.method === 'GET') {
      const status = call.query.get('status');
      return answer(ofReward.filter((r) => !status || r.status === status));
    }
    const status = call.body.status as RedemptionStatus;
    if (status !== 'FULFILLED' && status !== 'CANCELED')
      return fail(400, 'status must be FULFILLED or CANCELED');
    // Only an unfulfilled redemption may change, once.
    const open = ofReward.filter((r) => r.status === 'UNFULFILLED');
    if (!open.length) return fail(404, 'No redemptions with the given IDs are UNFULFILLED.');
    for (const r of open) r.status = status;
    return answer(open);
  }
}
