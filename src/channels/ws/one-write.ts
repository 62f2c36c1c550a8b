import type { WebSocket } from 'ws';

interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Runs `work` with the socket's frames held back and written together when it ends (also when it
 * throws): a turn's message frames and its ack leave in one write to the network instead of one each.
 * `ws` writes every frame as soon as it is sent, and each write is a system call (`writev` was 14 % of
 * the service's busy time in `npm run bench:ws`). Node's `net.Socket.cork()` queues writes until the
 * matching `uncork()`; `ws` keeps that socket in `_socket`, which its types do not declare. Without it
 * (a socket already torn down) the frames simply go one by one.
 */
export async function inOneWrite<T>(socket: WebSocket, work: () => Promise<T>): Promise<T> {
  const raw = (socket as unknown as { _socket?: Partial<Corkable> | null })._socket;
  const corkable = typeof raw?.cork === 'function' && typeof raw.uncork === 'function';
  if (corkable) raw.cork!();
  try {
    return await work();
  } finally {
    if (corkable) raw.uncork!();
  }
}
