import { randomBytes, randomUUID } from 'node:crypto';
import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

/** A logger at `trace` whose lines are kept, with the secrets given. */
function capture(secrets: string[]) {
  const lines: string[] = [];
  const logger = createLogger('trace', {
    secrets,
    destination: { write: (line: string) => lines.push(line) },
  });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger with secrets', () => {
  const secret = `sk-test-${randomUUID()}`;

  it('cuts the secret out of the message, fields and nested objects', () => {
    const { logger, lines, entries } = capture([secret]);
    logger.info(`calling with ${secret} now`);
    logger.info('formatted %s', secret);
    logger.info({ header: `Bearer ${secret}`, nested: { deeper: { list: ['x', secret] } } }, 'fields');
    logger.info({ [secret]: 1 }, 'as a key');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).not.toContain(secret);
    expect(entries()[0]!.msg).toBe('calling with [redacted] now');
    expect(entries()[2]).toMatchObject({
      header: 'Bearer [redacted]',
      nested: { deeper: { list: ['x', '[redacted]'] } },
    });
  });

  it("cuts it out of an error's message, stack and every cause, which are still logged", () => {
    const { logger, lines, entries } = capture([secret]);
    const root = new Error(`upstream said key=${secret}`);
    const middle = new Error(`provider call failed: ${secret}`, { cause: root });
    const err = new Error(`attempt failed (${secret})`, { cause: middle });
    logger.warn({ err, code: 'PROVIDER_REJECTED' }, 'job attempt failed');
    logger.error(err);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain(secret);
    type Logged = { message: string; stack: string; cause: Logged };
    const logged = entries()[0]!.err as Logged;
    expect(logged).toMatchObject({
      type: 'Error',
      message: 'attempt failed ([redacted])',
      cause: {
        message: 'provider call failed: [redacted]',
        cause: { message: 'upstream said key=[redacted]' },
      },
    });
    expect(logged.stack).toContain('attempt failed ([redacted])');
    expect(logged.cause.cause.stack).toContain('upstream said key=[redacted]');
    expect(entries()[1]!.msg).toBe('attempt failed ([redacted])');
  });

  it('holds in child loggers and in their bindings', () => {
    const { logger, lines } = capture([secret]);
    const child = logger.child({ jobId: 'j1', via: secret });
    child.info({ detail: secret }, `child ${secret}`);
    child.child({ attempt: 2 }).warn({ err: new Error(secret) }, 'grandchild');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(secret);
      expect(JSON.parse(line)).toMatchObject({ jobId: 'j1', via: '[redacted]' });
    }
  });

  it('censors fields named after credentials, such as a Twitch token object, without being told their values', () => {
    const { logger, lines } = capture([]);
    const token = {
      accessToken: `at-${randomUUID()}`,
      refreshToken: `rt-${randomUUID()}`,
      scope: ['user:read:chat'],
    };
    logger.info({ token: { ...token }, nested: { ...token } }, 'refreshed');
    logger.info({ twitch: { nested: { ...token } } }, 'deeper');
    for (const line of lines) {
      expect(line).not.toContain(token.accessToken);
      expect(line).not.toContain(token.refreshToken);
    }
  });

  it('writes each event as one JSON line', () => {
    const { logger, lines } = capture([secret]);
    logger.info({ text: `a\n"${secret}"\\\n` }, `multi\nline ${secret}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(lines[0]!.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ text: 'a\n"[redacted]"\\\n' });
  });

  it('redacts every secret it is given and leaves other text alone', () => {
    const other = randomBytes(32).toString('base64');
    const { logger, lines, entries } = capture([secret, other, '']);
    logger.info({ a: secret, b: other, c: 'nothing secret here' }, 'two');
    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).not.toContain(other);
    expect(entries()[0]).toMatchObject({ a: '[redacted]', b: '[redacted]', c: 'nothing secret here' });
  });
});

describe('query errors in a log line', () => {
  const tokenHash = randomBytes(32).toString('hex');
  const prompt = `a cat in sunglasses ${randomUUID()}`;
  const sql = 'insert into "api_tokens" ("token_hash", "prompt") values ($1, $2)';
  const queryError = () => {
    const pgError = Object.assign(
      new Error('duplicate key value violates unique constraint "api_tokens_hash"'),
      {
        code: '23505',
        detail: `Key (token_hash)=(${tokenHash}) already exists.`,
      },
    );
    return new DrizzleQueryError(sql, [tokenHash, prompt], pgError);
  };

  it('keeps the SQL, the cause and its code, never the bound values', () => {
    const { logger, lines, entries } = capture([]);
    logger.error({ err: queryError() }, 'request failed');
    logger.error(queryError());
    logger
      .child({ jobId: 'j1' })
      .warn({ err: new Error('claim failed', { cause: queryError() }) }, 'wrapped');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(tokenHash);
      expect(line).not.toContain(prompt);
      expect(line).not.toMatch(/"params"|"parameters"|"query"|"detail"/);
    }
    const [direct, bare, wrapped] = entries() as { err: Record<string, unknown>; msg: string }[];
    expect(direct!.err).toMatchObject({
      type: 'DrizzleQueryError',
      message: `Failed query: ${sql}`,
      cause: { message: expect.stringContaining('duplicate key'), code: '23505' },
    });
    expect(direct!.err.stack).toMatch(/^Error: Failed query: insert into .*\n\s+at /);
    expect(bare!.msg).toBe(`Failed query: ${sql}`);
    expect(wrapped!.err).toMatchObject({ cause: { message: `Failed query: ${sql}` } });
  });

  it('drops the parameters and query that postgres.js attaches in debug mode', () => {
    const { logger, lines } = capture([]);
    const err = Object.assign(new Error('value too long'), {
      query: `select * from tokens where hash = '${tokenHash}'`,
      parameters: [prompt],
    });
    logger.error({ err }, 'query failed');
    expect(lines[0]).not.toContain(tokenHash);
    expect(lines[0]).not.toContain(prompt);
    expect(JSON.parse(lines[0]!).err.message).toBe('value too long');
  });
});
