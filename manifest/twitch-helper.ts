/** The one script Twitch lets an extension load from elsewhere; every view's HTML includes it. */
export const TWITCH_HELPER_URL = 'https://extension-files.twitch.tv/helper/v1/twitch-ext.min.js';
