import { describe, expect, it } from 'vitest';
import { FakeObsError, FakeObsSocket } from './fake-obs-socket.js';
import { testObsConnection } from './test-obs-connection.js';

const target = { url: 'ws://127.0.0.1:4455', password: 'secret-pw' };
const run = (socket: FakeObsSocket, over = {}) =>
  testObsConnection({ ...target, ...over }, { createSocket: () => socket, timeoutMs: 50 });

describe('testing the OBS connection', () => {
  it('gives the version and scenes of a running OBS in the dock’s order, and disconnects', async () => {
    const socket = new FakeObsSocket({ scenes: ['Gaming', 'Just chatting', 'BRB'], currentScene: 'Gaming' });
    expect(await run(socket)).toEqual({
      ok: true,
      obsVersion: '29.0.2',
      scenes: ['Gaming', 'Just chatting', 'BRB'],
      currentScene: 'Gaming',
    });
    expect(socket.connects).toEqual([target]);
    expect(socket.disconnected).toBe(true);
  });

  it('says the password is wrong when OBS closes with 4009', async () => {
    const socket = new FakeObsSocket({ failure: new FakeObsError(4009, 'Authentication failed.') });
    const result = await run(socket);
    expect(result).toMatchObject({ ok: false, reason: 'wrong-password' });
    expect(result.ok || result.message).toMatch(/wrong password/);
    expect(result.ok || result.message).not.toContain('secret-pw');
    expect(socket.disconnected).toBe(true);
  });

  it('asks for the password when none was given and OBS wants one', async () => {
    const failure = new FakeObsError(4009, 'Your payload’s data is missing an `authentication` string');
    const socket = new FakeObsSocket({ failure });
    expect(await run(socket, { password: '' })).toMatchObject({ ok: false, reason: 'password-needed' });
    expect(socket.connects[0]!.password).toBeUndefined();
  });

  it('says nothing answered when the socket cannot open', async () => {
    const result = await run(new FakeObsSocket({ failure: new FakeObsError(1006, '') }));
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(result.ok || result.message).toMatch(/not running or not reachable/);
  });

  it('tells an old obs-websocket (no subprotocol) from a missing OBS', async () => {
    const result = await run(
      new FakeObsSocket({ failure: new FakeObsError(-1, 'Server sent no subprotocol') }),
    );
    expect(result).toMatchObject({ ok: false, reason: 'not-obs' });
  });

  it('gives up on an OBS that never answers', async () => {
    const socket = new FakeObsSocket({ hang: true });
    expect(await run(socket)).toMatchObject({ ok: false, reason: 'timeout' });
    expect(socket.disconnected).toBe(true);
  });

  it('refuses an address that is not a websocket without connecting', async () => {
    const socket = new FakeObsSocket();
    expect(await run(socket, { url: 'http://127.0.0.1:4455' })).toMatchObject({
      ok: false,
      reason: 'bad-address',
    });
    expect(socket.connects).toEqual([]);
  });
});
