import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { waitFor } from '../../support/wait-for.js';

// Frames are whatever the server sent; tests read the fields they check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = Record<string, any>;

/** Every frame a socket received, in order, with helpers to wait for the ones a test expects. */
export class FrameLog {
  readonly frames: Frame[] = [];
  closeCode: number | undefined;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Frame));
    socket.on('close', (code) => (this.closeCode = code));
  }

  async next(predicate: (frame: Frame) => boolean, what: string, timeoutMs = 10_000): Promise<Frame> {
    let found: Frame | undefined;
    await waitFor(() => (found = this.frames.find(predicate)) !== undefined, what, timeoutMs);
    return found!;
  }

  /** The seqs of `message` frames received for a conversation, in arrival order. */
  seqs(conversationId: string): number[] {
    return this.frames
      .filter((frame) => frame.type === 'message' && frame.conversationId === conversationId)
      .map((frame) => frame.message.seq as number);
  }

  send(frame: Frame): void {
    this.socket.send(JSON.stringify(frame));
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

/** Opens /ws/console as the console page would (cookie + same-origin Origin); rejects with the HTTP status if refused. */
export function openConsoleSocket(
  baseUrl: string,
  cookie: string | undefined,
  origin: string | null = baseUrl,
): Promise<FrameLog> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (origin) headers.origin = origin;
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/console`, { headers });
    const log = new FrameLog(socket);
    socket.once('open', () => resolve(log));
    socket.once('unexpected-response', (_request, response) => {
      reject(
        Object.assign(new Error(`upgrade refused: ${response.statusCode}`), {
          statusCode: response.statusCode,
        }),
      );
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}
