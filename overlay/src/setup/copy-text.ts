/** How a copy went: on the clipboard, or selected for the streamer to copy by hand. */
export type CopyOutcome = 'copied' | 'selected';

/**
 * Puts `field`'s text on the clipboard; where the browser refuses (no permission, or a page
 * served over plain http from another machine has no `navigator.clipboard`), selects it instead.
 */
export async function copyText(
  field: HTMLInputElement,
  clipboard: Pick<Clipboard, 'writeText'> | undefined,
): Promise<CopyOutcome> {
  try {
    if (!clipboard) throw new Error('no clipboard');
    await clipboard.writeText(field.value);
    return 'copied';
  } catch {
    field.focus();
    field.select();
    return 'selected';
  }
}
