import { describe, expect, it } from 'vitest';
import { ReadyAnswers, readyAnswer } from './ready-answers.js';
import { SECURITY_HEADERS } from './response-headers.js';

const parts = (body: string) => ({
  status: 200 as const,
  headers: { 'Content-Type': 'application/json' },
  body,
});

/** Parts of one answer, counting how many times they were made. */
function countedParts() {
  const counter = {
    made: 0,
    make: () => {
      counter.made += 1;
      return parts('x');
    },
  };
  return counter;
}

describe('ready answers', () => {
  it('are the parts with the security headers, as the flat list writeHead takes', () => {
    const ready = readyAnswer(parts('{}'));
    expect(ready.status).toBe(200);
    expect(ready.body).toBe('{}');
    const pairs = Object.fromEntries(
      Array.from({ length: ready.headers.length / 2 }, (_, i) => [
        ready.headers[2 * i],
        ready.headers[2 * i + 1],
      ]),
    );
    expect(pairs).toEqual({ ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
  });

  it('are made once per source and variant, and apart for another source or variant', () => {
    const answers = new ReadyAnswers();
    let made = 0;
    const make = (body: string) => () => {
      made += 1;
      return parts(body);
    };
    const job = {};
    const first = answers.get(job, 'gzip', make('a'));
    expect(answers.get(job, 'gzip', make('not used'))).toBe(first);
    expect(made).toBe(1);
    expect(answers.get(job, 'identity', make('b')).body).toBe('b');
    expect(answers.get({}, 'gzip', make('c')).body).toBe('c');
    expect(made).toBe(3);
  });

  it('keep at most 16 variants of a source; the rest are made each time', () => {
    const answers = new ReadyAnswers();
    const source = {};
    const counted = countedParts();
    for (let i = 0; i < 40; i++) answers.get(source, `made-up etag ${i}`, counted.make);
    expect(counted.made).toBe(40);
    for (let i = 0; i < 40; i++) answers.get(source, `made-up etag ${i}`, counted.make);
    expect(counted.made).toBe(40 + 24);
  });

  it('keep no variant longer than a browser sends; such answers are made each time', () => {
    const answers = new ReadyAnswers();
    const source = {};
    const counted = countedParts();
    const long = `gzip\n"${'e'.repeat(16_000)}"\nhttps://example.test`;
    for (let i = 0; i < 3; i++) answers.get(source, long, counted.make);
    expect(counted.made).toBe(3);
    answers.get(source, 'gzip\nundefined\nundefined', counted.make);
    answers.get(source, 'gzip\nundefined\nundefined', counted.make);
    expect(counted.made).toBe(4);
  });
});
