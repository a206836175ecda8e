import type { Caller } from '../auth/caller.js';

/** Values a request carries through Hono's context, typed once for every route. */
export interface AppEnv {
  Variables: {
    caller: Caller;
  };
}
