export * from './asset-type-names.js';
export * from './chat-command-settings.js';
export * from './chat-permission.js';
export * from './chat-replies.js';
export * from './chat-settings-store.js';
export * from './chat-wait.js';
export * from './cooldown-decision.js';
export * from './parse-chat-command.js';
