import { type ComponentType, render } from 'preact';
import { ExtensionRoot } from './extension-root.js';

/** Renders a view into the page's `#app`, inside the frame that connects it to Twitch and the server. */
export function mountView(View: ComponentType) {
  const root = document.getElementById('app');
  if (!root) throw new Error('the page has no #app element to render into');
  render(
    <ExtensionRoot>
      <View />
    </ExtensionRoot>,
    root,
  );
}
