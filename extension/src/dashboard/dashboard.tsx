import { useStudio } from '../studio/studio-context.js';

/** The broadcaster's Stream Manager dashboard (live_config): generate, follow, curate. */
export function Dashboard() {
  const { capabilities } = useStudio();
  return <main class="view">Dashboard for {capabilities.channelId}</main>;
}
