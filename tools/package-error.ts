/** The build cannot be packaged for Twitch as it is; the message says which file and why. */
export class PackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the extension cannot be packaged for Twitch:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}
