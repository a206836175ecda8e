import type { OBSWebSocketError } from 'obs-websocket-js';
import type { ObsCall, ObsSocket } from '../obs-socket.js';

/** Rejects as obs-websocket-js does: a request status (600 not found), a close code (4009), or -1. */
export class FakeObsError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeSceneItem {
  readonly sceneItemId: number;
  readonly sourceName: string;
  enabled: boolean;
  transform: Record<string, unknown>;
}

export interface FakeInput {
  readonly kind: string;
  settings: Record<string, unknown>;
}

type Answer = (data: Record<string, unknown>) => unknown;

/**
 * One OBS in memory, answering the requests the scene sync makes as OBS 29 does (600 for an
 * unknown name, 601 for a taken one). `socket` gives the sockets the sync connects with.
 */
export class FakeObs {
  readonly scenes = new Map<string, FakeSceneItem[]>([['Scene', []]]);
  readonly inputs = new Map<string, FakeInput>();
  inputKinds = ['image_source', 'color_source_v3', 'ffmpeg_source'];
  password = 'fake-obs-password';
  running = true;
  /** Takes connections and never answers them, until the client gives up (disconnects). */
  silent = false;
  readonly calls: { readonly type: string; readonly data: Record<string, unknown> }[] = [];
  readonly connects: { readonly url: string; readonly password: string | undefined }[] = [];
  /** The most requests any socket had waiting for an answer at once. */
  mostInFlight = 0;
  /** While set, every request waits for it before OBS looks at it. */
  gate: Promise<void> | undefined;
  /** Requests of these types fail with this error. */
  readonly refusals = new Map<string, FakeObsError>();
  private readonly open = new Set<FakeObsSocket>();
  private nextItemId = 1;
  private waiting = 0;

  readonly socket = (): ObsSocket => new FakeObsSocket(this) as unknown as ObsSocket;

  /** Asks OBS directly, as a connected socket would. */
  readonly call = (async (type: string, data: Record<string, unknown> = {}) => {
    await this.gate;
    return this.answer(type, data);
  }) as ObsCall;

  /** OBS quits: open connections drop (1006), and connecting is refused until `start()`. */
  stop(): void {
    this.running = false;
    for (const socket of [...this.open]) socket.closeWith(1006, '');
  }

  start(): void {
    this.running = true;
  }

  /** Holds every request until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => {
      release = resolve;
    });
    return () => {
      this.gate = undefined;
      release();
    };
  }

  itemsOf(scene: string): FakeSceneItem[] {
    return this.scenes.get(scene) ?? [];
  }

  /** @internal for FakeObsSocket */
  inFlight(change: 1 | -1): void {
    this.waiting += change;
    this.mostInFlight = Math.max(this.mostInFlight, this.waiting);
  }

  /** @internal for FakeObsSocket */
  opened(socket: FakeObsSocket, open: boolean): void {
    if (open) this.open.add(socket);
    else this.open.delete(socket);
  }

  /** @internal for FakeObsSocket */
  answer(type: string, data: Record<string, unknown>): unknown {
    this.calls.push({ type, data });
    const refusal = this.refusals.get(type);
    if (refusal) throw refusal;
    const answer = this.answers[type];
    if (!answer) throw new FakeObsError(204, `the fake has no ${type}`);
    return answer(data);
  }

  private scene(name: unknown): FakeSceneItem[] {
    const items = this.scenes.get(String(name));
    if (!items) throw new FakeObsError(600, `No source was found by the name of \`${String(name)}\`.`);
    return items;
  }

  private input(name: unknown): FakeInput {
    const input = this.inputs.get(String(name));
    if (!input) throw new FakeObsError(600, `No source was found by the name of \`${String(name)}\`.`);
    return input;
  }

  private item(scene: unknown, id: unknown): FakeSceneItem {
    const item = this.scene(scene).find((candidate) => candidate.sceneItemId === id);
    if (!item) throw new FakeObsError(600, 'No scene items were found in the specified scene by that ID.');
    return item;
  }

  private addItem(scene: unknown, sourceName: string, enabled: unknown): { sceneItemId: number } {
    const item = { sceneItemId: this.nextItemId++, sourceName, enabled: enabled !== false, transform: {} };
    this.scene(scene).push(item);
    return { sceneItemId: item.sceneItemId };
  }

  private readonly answers: Record<string, Answer> = {
    GetSceneList: () => ({
      currentProgramSceneName: 'Scene',
      currentPreviewSceneName: null,
      scenes: [...this.scenes.keys()].map((sceneName, sceneIndex) => ({ sceneName, sceneIndex })),
    }),
    CreateScene: ({ sceneName }) => {
      if (this.scenes.has(String(sceneName)) || this.inputs.has(String(sceneName)))
        throw new FakeObsError(601, 'A source already exists by that scene name.');
      this.scenes.set(String(sceneName), []);
      return {};
    },
    GetInputKindList: () => ({ inputKinds: this.inputKinds }),
    GetInputSettings: ({ inputName }) => {
      const { kind, settings } = this.input(inputName);
      return { inputKind: kind, inputSettings: { ...settings } };
    },
    GetSceneItemId: ({ sceneName, sourceName }) => {
      const item = this.scene(sceneName).find((candidate) => candidate.sourceName === sourceName);
      if (!item)
        throw new FakeObsError(
          600,
          'No scene items were found in the specified scene by that name or offset.',
        );
      return { sceneItemId: item.sceneItemId };
    },
    GetSceneItemList: ({ sceneName }) => ({ sceneItems: this.scene(sceneName).map((item) => ({ ...item })) }),
    CreateInput: ({ sceneName, inputName, inputKind, inputSettings, sceneItemEnabled }) => {
      this.scene(sceneName);
      if (this.inputs.has(String(inputName)) || this.scenes.has(String(inputName)))
        throw new FakeObsError(601, 'A source already exists by that input name.');
      this.inputs.set(String(inputName), {
        kind: String(inputKind),
        settings: { ...(inputSettings as object) },
      });
      return this.addItem(sceneName, String(inputName), sceneItemEnabled);
    },
    CreateSceneItem: ({ sceneName, sourceName, sceneItemEnabled }) => {
      this.input(sourceName);
      return this.addItem(sceneName, String(sourceName), sceneItemEnabled);
    },
    SetInputSettings: ({ inputName, inputSettings }) => {
      const input = this.input(inputName);
      input.settings = { ...input.settings, ...(inputSettings as object) };
      return undefined;
    },
    SetSceneItemTransform: ({ sceneName, sceneItemId, sceneItemTransform }) => {
      const item = this.item(sceneName, sceneItemId);
      item.transform = { ...item.transform, ...(sceneItemTransform as object) };
      return undefined;
    },
    SetSceneItemEnabled: ({ sceneName, sceneItemId, sceneItemEnabled }) => {
      this.item(sceneName, sceneItemId).enabled = Boolean(sceneItemEnabled);
      return undefined;
    },
  };
}

/** A socket to a FakeObs, failing and closing as obs-websocket-js does against the real one. */
class FakeObsSocket {
  private readonly closedListeners: ((error: OBSWebSocketError) => void)[] = [];
  private isOpen = false;
  private abandon: (() => void) | undefined;

  constructor(private readonly obs: FakeObs) {}

  on(event: string, listener: (error: OBSWebSocketError) => void): this {
    if (event === 'ConnectionClosed') this.closedListeners.push(listener);
    return this;
  }

  async connect(url: string, password?: string): Promise<unknown> {
    this.obs.connects.push({ url, password });
    await Promise.resolve();
    if (this.obs.silent) {
      await new Promise<void>((resolve) => {
        this.abandon = resolve;
      });
      this.closeWith(1006, '');
      throw new FakeObsError(1006, '');
    }
    if (!this.obs.running) {
      this.closeWith(1006, '');
      throw new FakeObsError(-1, `connect ECONNREFUSED ${new URL(url).host}`);
    }
    if (password !== this.obs.password) {
      this.closeWith(4009, 'Authentication failed.');
      throw new FakeObsError(4009, 'Authentication failed.');
    }
    this.isOpen = true;
    this.obs.opened(this, true);
    return {};
  }

  async disconnect(): Promise<void> {
    this.abandon?.();
    if (this.isOpen) this.closeWith(1000, '');
  }

  async call(type: string, data: Record<string, unknown> = {}): Promise<unknown> {
    if (!this.isOpen) throw new Error('Not connected');
    this.obs.inFlight(1);
    await this.obs.gate;
    // obs-websocket-js drops the listener of a call in flight when its socket closes: it never settles.
    if (!this.isOpen) return new Promise(() => undefined);
    try {
      return this.obs.answer(type, data);
    } finally {
      this.obs.inFlight(-1);
    }
  }

  /** @internal the socket closes with `code`, as obs-websocket-js reports it. */
  closeWith(code: number, reason: string): void {
    this.isOpen = false;
    this.obs.opened(this, false);
    for (const listener of this.closedListeners)
      listener(new FakeObsError(code, reason) as OBSWebSocketError);
  }
}
