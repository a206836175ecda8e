import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SseMessage, SseParser } from './sse-parser.js';

function parse(chunks: readonly string[]) {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const parser = new SseParser({ onMessage: (m) => messages.push(m), onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.push(chunk);
  return { messages, retries, lastEventId: parser.lastEventId };
}

/** Cuts `text` at the given offsets (sorted, deduplicated, within the text). */
function cut(text: string, offsets: readonly number[]): string[] {
  const points = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(text.slice(start, point));
    start = point;
  }
  chunks.push(text.slice(start));
  return chunks;
}

describe('SseParser', () => {
  it('reads the server’s stream: ready, events with ids, a keep-alive comment, retry', () => {
    const stream =
      'event: ready\ndata: {"channelId":"c1"}\nretry: 2000\n\n' +
      ': keep-alive\n\n' +
      'id: 7\nevent: job.queued\ndata: {"id":"j1"}\n\n';
    expect(parse([stream])).toEqual({
      messages: [
        { event: 'ready', data: '{"channelId":"c1"}', lastEventId: '' },
        { event: 'job.queued', data: '{"id":"j1"}', lastEventId: '7' },
      ],
      retries: [2000],
      lastEventId: '7',
    });
  });

  it('joins multi-line data with \\n and keeps a leading space beyond the first', () => {
    const { messages } = parse(['data: first\ndata:second\ndata:  third\ndata\n\n']);
    expect(messages).toEqual([{ event: 'message', data: 'first\nsecond\n third\n', lastEventId: '' }]);
  });

  it('accepts CRLF, CR and LF line ends, and a CRLF split between two chunks', () => {
    expect(parse(['data: a\r\n\r\ndata: b\r\rdata: c\n\n']).messages.map((m) => m.data)).toEqual([
      'a',
      'b',
      'c',
    ]);
    // Read as two line ends, the LF after the split would end the event after its first line.
    const split = parse(['id: 1\r', '\ndata: x\r', '\ndata: y\r\n\r', '\n']);
    expect(split.messages).toEqual([{ event: 'message', data: 'x\ny', lastEventId: '1' }]);
  });

  it('dispatches nothing for comments, data-less blocks or an unfinished last block', () => {
    const { messages, lastEventId } = parse([': only a comment\n\nevent: x\nid: 5\n\ndata: never ended\n']);
    expect(messages).toEqual([]);
    // An id in a block without data still moves the id a reconnect resumes from, as in EventSource.
    expect(lastEventId).toBe('5');
  });

  it('carries the last id over to later events, ignores ids with NUL and retry values that are not digits', () => {
    const { messages, retries } = parse([
      'id: 3\ndata: a\n\ndata: b\n\nid: 4\u0000\ndata: c\n\nretry: soon\nretry: 15\n\n',
    ]);
    expect(messages.map((m) => m.lastEventId)).toEqual(['3', '3', '3']);
    expect(retries).toEqual([15]);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n\0]/.test(s));
    const event = fc.record({
      type: fc.option(
        line.filter((s) => s.length > 0),
        { nil: undefined },
      ),
      id: fc.option(line, { nil: undefined }),
      data: fc.array(line, { maxLength: 3 }),
      comment: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(), { maxLength: 8 }),
        (events, eol, offsets) => {
          let text = '';
          const expected: SseMessage[] = [];
          let lastEventId = '';
          for (const e of events) {
            if (e.comment) text += `: comment${eol}`;
            if (e.type !== undefined) text += `event: ${e.type}${eol}`;
            if (e.id !== undefined) text += `id: ${e.id}${eol}`;
            for (const data of e.data) text += `data: ${data}${eol}`;
            text += eol;
            if (e.id !== undefined) lastEventId = e.id;
            if (e.data.length > 0)
              expected.push({ event: e.type ?? 'message', data: e.data.join('\n'), lastEventId });
          }
          expect(parse(cut(text, offsets)).messages).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
