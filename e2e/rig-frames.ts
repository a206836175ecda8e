import type { Frame, Page } from 'playwright-core';

/** The rig's iframes by their `name`: the view's page and the role its token is for. */
export const RIG_FRAMES = {
  dashboard: 'live_config-broadcaster',
  broadcasterPanel: 'panel-broadcaster',
  viewerPanel: 'panel-viewer',
  config: 'config-broadcaster',
} as const;

/** The rig's views, each as the frame Playwright drives. */
export type RigFrames = { readonly [K in keyof typeof RIG_FRAMES]: Frame };

/** The rig page's four views, once each has loaded its document. */
export function rigFrames(page: Page): RigFrames {
  const frame = (name: string) => {
    const found = page.frame({ name });
    if (!found) throw new Error(`the rig has no iframe named ${name}`);
    return found;
  };
  return {
    dashboard: frame(RIG_FRAMES.dashboard),
    broadcasterPanel: frame(RIG_FRAMES.broadcasterPanel),
    viewerPanel: frame(RIG_FRAMES.viewerPanel),
    config: frame(RIG_FRAMES.config),
  };
}
