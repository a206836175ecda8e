import { useStudio } from '../studio/studio-context.js';
import { errorText } from '../ui/error-text.js';

/** A quiet line while the channel's live events are not arriving: what is shown may be behind. */
export function LiveHint() {
  const { live } = useStudio();
  if (live.state === 'reconnecting')
    return (
      <p class="live-hint small" role="status">
        Live updates paused — reconnecting
      </p>
    );
  if (live.state === 'refused')
    return (
      <p class="live-hint small" role="status">
        Live updates stopped: {errorText(live.error)}
      </p>
    );
  return null;
}
