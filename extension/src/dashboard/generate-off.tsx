import { useStudio } from '../studio/studio-context.js';
import { Notice } from '../ui/notice.js';

/** In place of the form for a caller the channel does not let generate: who can change that, and where. */
export function GenerateOff() {
  const { capabilities } = useStudio();
  return (
    <Notice title="Generating is up to the broadcaster">
      As {capabilities.role === 'moderator' ? 'a moderator' : 'a viewer'} you can follow jobs and assets here.
      The broadcaster can let moderators generate in the extension’s configuration.
    </Notice>
  );
}
