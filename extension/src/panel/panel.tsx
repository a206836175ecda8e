import { useStudio } from '../studio/studio-context.js';

/** The channel page panel: the public gallery for viewers, plus the generate form for those allowed. */
export function Panel() {
  const { capabilities } = useStudio();
  return <main class="view">Panel as {capabilities.role}</main>;
}
