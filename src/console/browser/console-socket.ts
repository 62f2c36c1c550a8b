import {
  ConsoleServerFrameSchema,
  type ConsoleClientFrame,
  type ConsoleServerFrame,
} from '../../protocol/console-api.js';

/** The server ends the socket with this code when the session ends (logout, expiry, deactivation). */
export const CLOSE_SESSION_ENDED = 4401;
const PING_INTERVAL_MS = 25_000;
const STABLE_AFTER_MS = 60_000;

export interface ConsoleSocketHandlers {
  /** Every frame, validated; unknown or malformed frames are dropped. */
  frame(frame: ConsoleServerFrame): void;
  /** Connected (again): the caller re-sends its subscriptions with the lastSeq it holds. */
  open(): void;
  /** Lost: a reconnection is scheduled. */
  reconnecting(): void;
  /** The session is over; no reconnection. */
  sessionEnded(): void;
  /**
   * The socket closed before it opened: the upgrade was refused (no valid session: 401, wrong origin: 403)
   * or the service is down. A browser cannot tell which, so the caller asks the REST API.
   */
  refused(): void;
}

/**
 * /ws/console with automatic reconnection: backoff 0.5 s, 1 s, 2 s … 30 s with ±30 % jitter, reset once
 * a connection has stayed up for a minute (the same schedule as the citizen widget, docs/protocol.md).
 * Delivery guarantees come from resubscribing with lastSeq after every reconnect, not from this class.
 */
export class ConsoleSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private reconnectTimer: number | undefined;
  private pingTimer: number | undefined;
  private openedAt = 0;

  constructor(private readonly handlers: ConsoleSocketHandlers) {}

  connect(): void {
    this.stopped = false;
    const url = `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/ws/console`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.openedAt = Date.now();
      this.pingTimer = window.setInterval(() => this.send({ type: 'ping' }), PING_INTERVAL_MS);
      this.handlers.open();
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        return;
      }
      const frame = ConsoleServerFrameSchema.safeParse(parsed);
      if (frame.success) this.handlers.frame(frame.data);
    });
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
    });
    socket.addEventListener('close', (event) => {
      window.clearInterval(this.pingTimer);
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (event.code === CLOSE_SESSION_ENDED) {
        this.handlers.sessionEnded();
        return;
      }
      if (!opened) this.handlers.refused();
      if (this.openedAt > 0 && Date.now() - this.openedAt >= STABLE_AFTER_MS) this.attempt = 0;
      this.openedAt = 0;
      this.scheduleReconnect();
    });
  }

  /** Sends a frame if connected; frames are not queued, because every reconnect resubscribes anyway. */
  send(frame: ConsoleClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.stopped = true;
    window.clearTimeout(this.reconnectTimer);
    window.clearInterval(this.pingTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'console closed');
  }

  private scheduleReconnect(): void {
    this.handlers.reconnecting();
    const base = Math.min(30_000, 500 * 2 ** this.attempt);
    const delay = base * (0.7 + Math.random() * 0.6);
    this.attempt += 1;
    this.reconnectTimer = window.setTimeout(() => {
      if (!this.stopped) this.connect();
    }, delay);
  }
}
