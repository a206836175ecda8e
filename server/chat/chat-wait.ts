/**
 * A wait in words a chat line can carry, to the second (`42 s`, `2 min 5 s`, `1 h 30 min`):
 * cooldowns are seconds long, so the budget's minute-grained wording would say "under a minute"
 * where a chatter wants the number. Rounded up, so "0 s" is never said while still waiting.
 */
export function chatWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [
    hours > 0 ? `${hours} h` : '',
    minutes > 0 ? `${minutes} min` : '',
    seconds > 0 && hours === 0 ? `${seconds} s` : '',
  ].filter((part) => part !== '');
  return parts.join(' ');
}
