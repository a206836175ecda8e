import { useStudio } from '../studio/studio-context.js';

/** The extension's configuration: brand kits and who may generate from the panel. */
export function ConfigView() {
  const { capabilities } = useStudio();
  return <main class="view">Configuration for {capabilities.channelId}</main>;
}
