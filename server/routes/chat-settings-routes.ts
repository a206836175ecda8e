import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { CHAT_SETTINGS_LIMITS, type ChatSettings } from '../chat/chat-command-settings.js';
import { CHAT_AUDIENCES } from '../chat/chat-permission.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/validation-hook.js';
import { readChatSettings, updateChatSettings } from '../use-cases/index.js';
import { ERRORS, json, security } from './schemas.js';

const { wordMax, aliasesMax, cooldownMaxSeconds } = CHAT_SETTINGS_LIMITS;

/** A prefix or alias: chat reads the first word of a line, so one word it must be. */
const ChatWord = z
  .string()
  .min(1)
  .max(wordMax)
  .regex(/^\S+$/u, { message: 'must be one word, without spaces' })
  .openapi({ example: '!gen' });

const Cooldown = z.int().min(0).max(cooldownMaxSeconds);

const fields = {
  enabled: z.boolean().openapi({
    description: 'Whether chat commands are answered at all (channel-point rewards work either way).',
  }),
  prefix: ChatWord.openapi({ description: 'The word that starts a command, matched in any case.' }),
  aliases: z
    .array(ChatWord)
    .max(aliasesMax)
    .refine((words) => new Set(words.map((word) => word.toLowerCase())).size === words.length, {
      message: 'must not repeat an alias (in any case)',
    })
    .openapi({ description: `Up to ${aliasesMax} more words that start a command; none may be the prefix.` }),
  who: z.enum(CHAT_AUDIENCES).openapi({
    description: 'The lowest audience that may generate from chat; each admits everyone after it.',
  }),
  userCooldownSeconds: Cooldown.openapi({
    description: 'Seconds a chatter waits between their own generations.',
  }),
  channelCooldownSeconds: Cooldown.openapi({
    description: 'Seconds between any two generations from the channel’s chat.',
  }),
  publishAtOnce: z.boolean().openapi({
    description: 'Whether what chat and channel points make goes public at once (on stream, in the panel).',
  }),
};

const ChatSettingsSchema = z.object(fields).openapi('ChatSettings');

const ChatSettingsPatch = z
  .strictObject({
    enabled: fields.enabled.optional(),
    prefix: fields.prefix.optional(),
    aliases: fields.aliases.optional(),
    who: fields.who.optional(),
    userCooldownSeconds: fields.userCooldownSeconds.optional(),
    channelCooldownSeconds: fields.channelCooldownSeconds.optional(),
    publishAtOnce: fields.publishAtOnce.optional(),
  })
  .openapi('ChatSettingsInput');

const toView = (settings: ChatSettings): z.infer<typeof ChatSettingsSchema> => ({
  ...settings,
  aliases: [...settings.aliases],
});

const routes = {
  get: createRoute({
    method: 'get',
    path: '/chat/settings',
    summary: 'How the channel’s chat generates: the command’s words, who may, the cooldowns',
    security,
    responses: { 200: json(ChatSettingsSchema, 'The chat settings'), ...ERRORS },
  }),
  update: createRoute({
    method: 'put',
    path: '/chat/settings',
    summary: 'Change any of the chat settings; the others stay as they are',
    security,
    request: { body: { required: true, content: { 'application/json': { schema: ChatSettingsPatch } } } },
    responses: { 200: json(ChatSettingsSchema, 'The chat settings'), ...ERRORS },
  }),
};

/** `GET/PUT /chat/settings`: the channel's chat commands, changed by its broadcaster. */
export function chatSettingsRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.get, async (c) => c.json(toView(await readChatSettings(deps, c.get('caller'))), 200))
    .openapi(routes.update, async (c) => {
      const settings = await updateChatSettings(deps, c.get('caller'), c.req.valid('json'));
      return c.json(toView(settings), 200);
    });
}
