import { describe, expect, it } from 'vitest';
import { FakeObsError, FakeObsSocket } from './fake-obs-socket.js';
import { testObsConnection } from './test-obs-connection.js';

const target = { url: 'ws://127.0.0.1:4455', password: 'secret-pw' };
const run = (fake: FakeObsSocket, over = {}) =>
  testObsConnection({ ...target, ...over }, { createSocket: () => fake.socket, timeoutMs: 50 });
const failure = async (fake: FakeObsSocket, over = {}) => {
  const result = await run(fake, over);
  if (result.ok) throw new Error('connected');
  return result.message;
};

describe('testing the OBS connection', () => {
  it('gives the version and scenes of a running OBS in the dock’s order, and disconnects', async () => {
    const fake = new FakeObsSocket({ scenes: ['Gaming', 'Just chatting', 'BRB'], currentScene: 'Gaming' });
    expect(await run(fake)).toEqual({
      ok: true,
      obsVersion: '29.0.2',
      scenes: ['Gaming', 'Just chatting', 'BRB'],
      currentScene: 'Gaming',
    });
    expect(fake.connects).toEqual([target]);
    expect(fake.disconnected).toBe(true);
  });

  it('says OBS refused the password when it closes with 4009', async () => {
    const fake = new FakeObsSocket({ failure: new FakeObsError(4009, 'Authentication failed.') });
    expect(await failure(fake)).toMatch(
      /^OBS refused the password\. In OBS: Tools → WebSocket Server Settings/,
    );
    expect(fake.disconnected).toBe(true);
  });

  it('asks for the password when none was given and OBS wants one', async () => {
    const fake = new FakeObsSocket({ failure: new FakeObsError(4009, 'missing an `authentication` string') });
    expect(await failure(fake, { password: '' })).toMatch(/OBS asks for a password/);
    expect(fake.connects[0]!.password).toBeUndefined();
  });

  it('says OBS is not running when the socket cannot open', async () => {
    const fake = new FakeObsSocket({ failure: new FakeObsError(1006, '') });
    expect(await failure(fake)).toMatch(
      /OBS is not running at ws:\/\/127\.0\.0\.1:4455 \(or not reachable\)/,
    );
  });

  it('tells an old obs-websocket (no subprotocol) from a missing OBS', async () => {
    const fake = new FakeObsSocket({ failure: new FakeObsError(-1, 'Server sent no subprotocol') });
    expect(await failure(fake)).toMatch(/not obs-websocket 5/);
  });

  it('never repeats the password, even when OBS quotes it', async () => {
    const fake = new FakeObsSocket({ failure: new FakeObsError(4000, 'bad secret-pw') });
    expect(await failure(fake)).not.toContain('secret-pw');
  });

  it('gives up on an OBS that never answers', async () => {
    const fake = new FakeObsSocket({ hang: true });
    expect(await failure(fake)).toMatch(/No answer from OBS at ws:\/\/127\.0\.0\.1:4455 within 0\.05 s/);
    expect(fake.disconnected).toBe(true);
  });

  it('asks for a ws:// address without connecting anywhere', async () => {
    const fake = new FakeObsSocket();
    expect(await failure(fake, { url: '127.0.0.1:4455' })).toMatch(/starts with ws:\/\/ or wss:\/\//);
    expect(fake.connects).toEqual([]);
  });
});
