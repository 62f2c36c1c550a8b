import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { ServerFrameSchema, type ServerFrame } from '../../../src/protocol/chat-frames.js';
import { waitFor } from '../../support/wait-for.js';

type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/**
 * A real WebSocket client of /ws/chat for tests: records every frame (each validated against the
 * protocol's server frame schema, so a malformed server frame fails the test) and the close code.
 */
export class ChatClient {
  readonly frames: ServerFrame[] = [];
  closeCode: number | undefined;
  closeReason = '';
  private readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(ServerFrameSchema.parse(JSON.parse(String(data))));
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = String(reason);
        resolve(code);
      }),
    );
  }

  /** Opens a socket to the app's /ws/chat (the app listens on a real port). */
  static async connect(
    app: FastifyInstance,
    options: { origin?: string; autoPong?: boolean } = {},
  ): Promise<ChatClient> {
    const socket = new WebSocket(`${socketUrl(app)}/ws/chat`, {
      ...(options.origin ? { origin: options.origin } : {}),
      autoPong: options.autoPong ?? true,
    });
    const client = new ChatClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Connects and says hello; resolves with the welcome. */
  static async start(
    app: FastifyInstance,
    hello: Record<string, unknown> = {},
  ): Promise<{ client: ChatClient; welcome: FrameOf<'welcome'> }> {
    const client = await ChatClient.connect(app);
    client.send({ type: 'hello', v: 1, ...hello });
    const welcome = await client.next('welcome');
    return { client, welcome };
  }

  send(frame: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  of<T extends ServerFrame['type']>(type: T): Array<FrameOf<T>> {
    return this.frames.filter((frame): frame is FrameOf<T> => frame.type === type);
  }

  /** The first frame of `type` matching `where`, waiting for it if needed. */
  async next<T extends ServerFrame['type']>(
    type: T,
    where: (frame: FrameOf<T>) => boolean = () => true,
    what = `a ${type} frame`,
  ): Promise<FrameOf<T>> {
    let found: FrameOf<T> | undefined;
    await waitFor(() => {
      found = this.of(type).find(where);
      return found !== undefined;
    }, what);
    return found!;
  }

  /** Messages received so far, as seq numbers in arrival order. */
  seqs(): number[] {
    return this.of('message').map((message) => message.seq);
  }

  /** Waits until the message with `seq` has arrived. */
  async messageWithSeq(seq: number): Promise<FrameOf<'message'>> {
    return this.next('message', (message) => message.seq === seq, `message ${seq}`);
  }

  whenClosed(): Promise<number> {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closeCode === undefined) {
      this.socket.close(1000);
      await this.closed;
    }
  }

  /** Drops the connection without a close handshake, like a lost network. */
  async drop(): Promise<void> {
    this.socket.terminate();
    await this.closed;
  }
}

export function socketUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening');
  return `ws://127.0.0.1:${address.port}`;
}

/**
 * Opens citizens' sockets on the app a suite listens on (read when a socket opens, after `beforeAll`) and
 * closes them all at the end of the suite.
 */
export function chatClients(app: () => FastifyInstance): {
  open: (hello?: Record<string, unknown>) => ReturnType<typeof ChatClient.start>;
  closeAll: () => Promise<void>;
} {
  const clients: ChatClient[] = [];
  return {
    open: async (hello = {}) => {
      const started = await ChatClient.start(app(), hello);
      clients.push(started.client);
      return started;
    },
    closeAll: async () => {
      for (const client of clients.splice(0)) await client.close();
    },
  };
}
