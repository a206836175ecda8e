import { useEffect, useRef } from 'preact/hooks';
import type { StudioStreamEvent } from '../../../client/index.js';
import { useStudio } from './studio-context.js';

/** Runs `listener` for each event of the channel's stream while the component is mounted. */
export function useStudioEvents(listener: (event: StudioStreamEvent) => void): void {
  const { subscribe } = useStudio();
  // The latest listener, so a component can pass an inline function without resubscribing each render.
  const current = useRef(listener);
  current.current = listener;
  useEffect(() => subscribe((event) => current.current(event)), [subscribe]);
}
