/** One Server-Sent Event as a client sees it. */
export interface SseMessage {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

/**
 * Reads an SSE response the way EventSource does, handing back messages and comment lines
 * (heartbeats) until `until` returns true or `timeoutMs` passes; then it closes the stream.
 */
export async function readSse(
  response: Response,
  until: (messages: SseMessage[], comments: number) => boolean,
  timeoutMs = 10_000,
): Promise<{ messages: SseMessage[]; comments: number }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const messages: SseMessage[] = [];
  let comments = 0;
  let buffer = '';
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    while (!until(messages, comments)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const fields: Record<string, string> = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments += 1;
          const colon = line.indexOf(':');
          if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
        }
        if (fields.data !== undefined) {
          messages.push({
            ...(fields.id ? { id: fields.id } : {}),
            event: fields.event ?? 'message',
            data: fields.data,
          });
        }
      }
    }
  } finally {
    clearTimeout(deadline);
    await reader.cancel().catch(() => {});
  }
  return { messages, comments };
}
