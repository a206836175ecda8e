/** The directives of a `Cache-Control` value, lower-cased and without arguments (`max-age=60` → `max-age`). */
export function cacheDirectives(value: string | null): Set<string> {
  if (!value) return new Set();
  return new Set(value.split(',').map((part) => part.split('=')[0]!.trim().toLowerCase()));
}

/** Adds `name` to the answer's `Vary` list unless it is there already (or the list is `*`). */
export function varyOn(headers: Headers, name: string): void {
  const current = headers.get('Vary');
  if (!current) {
    headers.set('Vary', name);
    return;
  }
  const names = current.split(',').map((part) => part.trim().toLowerCase());
  if (names.includes('*') || names.includes(name.toLowerCase())) return;
  headers.set('Vary', `${current}, ${name}`);
}
