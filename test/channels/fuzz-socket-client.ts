import WebSocket from 'ws';

export type ReceivedFrame = { type?: string; code?: string; message?: string; [key: string]: unknown };

/**
 * A lean WebSocket client for fuzzing long-lived sockets: waiters are woken by each arriving frame
 * (no polling, so 10,000 round trips cost milliseconds each, not a 20 ms poll each), and nothing it
 * does inside the message handler can throw (a frame that is not JSON is recorded, not thrown).
 */
export class FuzzSocket {
  readonly frames: ReceivedFrame[] = [];
  readonly unreadable: string[] = [];
  closeCode: number | undefined;
  private waiters: Array<{
    from: number;
    test: (f: ReceivedFrame) => boolean;
    done: (f: ReceivedFrame | undefined) => void;
  }> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      let frame: ReceivedFrame;
      try {
        frame = JSON.parse(String(data)) as ReceivedFrame;
      } catch {
        this.unreadable.push(String(data).slice(0, 200));
        return;
      }
      this.frames.push(frame);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.test(frame)) return true;
        waiter.done(frame);
        return false;
      });
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      for (const waiter of this.waiters) waiter.done(undefined);
      this.waiters = [];
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<FuzzSocket> {
    const socket = new WebSocket(url, { headers });
    const client = new FuzzSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(data: string | Buffer): void {
    this.socket.send(data);
  }

  /**
   * The first frame from index `from` on that passes `test`, or undefined when the socket closes first.
   * Fails after `timeoutMs` so that a missing answer is a clear failure, not a hung suite.
   */
  next(
    test: (frame: ReceivedFrame) => boolean,
    from = this.frames.length,
    timeoutMs = 10_000,
  ): Promise<ReceivedFrame | undefined> {
    const already = this.frames.slice(from).find(test);
    if (already) return Promise.resolve(already);
    if (!this.isOpen) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        reject(
          new Error(
            `no matching frame within ${timeoutMs} ms; last frames: ${JSON.stringify(this.frames.slice(-3))}`,
          ),
        );
      }, timeoutMs);
      const entry = {
        from,
        test,
        done: (frame: ReceivedFrame | undefined) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      this.waiters.push(entry);
    });
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
