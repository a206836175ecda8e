import { describe, expect, it } from 'vitest';
import { obsFailureMessage, obsLostMessage } from './obs-failure-message.js';
import { FakeObsError } from './testing/fake-obs.js';

const target = { url: 'ws://127.0.0.1:4455', password: 'hunter2-secret' };

describe('obsFailureMessage', () => {
  it('says OBS refused the password for close code 4009', () => {
    expect(obsFailureMessage(new FakeObsError(4009, 'Authentication failed.'), target)).toBe(
      'OBS refused the password',
    );
  });

  it('says a password is wanted when OBS asks for one and the URL gives none', () => {
    expect(
      obsFailureMessage(new FakeObsError(4009, 'missing authentication'), { ...target, password: '' }),
    ).toBe('OBS asks for a password, and the overlay URL gives none');
  });

  it('names the address when nothing listens, in Node (ECONNREFUSED) and in a browser (1006, no words)', () => {
    const notRunning = 'OBS is not running at ws://127.0.0.1:4455 (or not reachable)';
    expect(obsFailureMessage(new FakeObsError(-1, 'connect ECONNREFUSED 127.0.0.1:4455'), target)).toBe(
      notRunning,
    );
    expect(obsFailureMessage(new FakeObsError(1006, ''), target)).toBe(notRunning);
  });

  it('tells apart something that is not obs-websocket 5', () => {
    expect(obsFailureMessage(new FakeObsError(-1, 'Server sent no subprotocol'), target)).toMatch(
      /^Something answered at ws:\/\/127\.0\.0\.1:4455, but not obs-websocket 5/,
    );
    expect(obsFailureMessage(new FakeObsError(4010, 'Unsupported RPC version'), target)).toMatch(
      /not obs-websocket 5/,
    );
  });

  it("passes on OBS's own reason for other close codes", () => {
    expect(obsFailureMessage(new FakeObsError(4011, 'Session invalidated'), target)).toBe(
      'OBS closed the connection: Session invalidated',
    );
  });

  it('says a malformed address is not a websocket address', () => {
    const error = new SyntaxError('Invalid URL: localhost');
    expect(obsFailureMessage(error, { ...target, url: 'localhost' })).toBe(
      '“localhost” is not a websocket address like ws://127.0.0.1:4455',
    );
  });

  it('never repeats the password, whether in a reason from OBS or in the address', () => {
    const echoed = obsFailureMessage(new FakeObsError(4011, `bad ${target.password}`), target);
    expect(echoed).not.toContain(target.password);
    expect(echoed).toBe('OBS closed the connection: bad •••');
    const inAddress = obsFailureMessage(new FakeObsError(1006, ''), {
      ...target,
      url: `ws://streamer:${target.password}@127.0.0.1:4455`,
    });
    expect(inAddress).toBe('OBS is not running at ws://127.0.0.1:4455 (or not reachable)');
  });
});

describe('obsLostMessage', () => {
  it('says which OBS was lost, with its reason when it gave one', () => {
    expect(obsLostMessage(new FakeObsError(1006, ''), target)).toBe('Lost OBS at ws://127.0.0.1:4455');
    expect(obsLostMessage(new FakeObsError(1001, 'Server stopping'), target)).toBe(
      'Lost OBS at ws://127.0.0.1:4455: Server stopping',
    );
  });
});
