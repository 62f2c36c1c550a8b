import { closeVerdict, ReconnectBackoff } from './reconnect-backoff.js';
import { parseServerFrame, type ClientFrame, type ServerFrame } from '../../protocol/chat-frames.js';

export type ConnectionState =
  /** First connection of this page, not yet open. */
  | 'connecting'
  /** The socket is open (the conversation is not necessarily resumed yet: that is the welcome). */
  | 'open'
  /** Lost; a new attempt is scheduled. */
  | 'reconnecting'
  /** The browser says it has no network; we try again when it says it is back. */
  | 'offline'
  /** The server refused us for good (protocol version, origin): no more attempts. */
  | 'failed-version'
  | 'failed-origin';

export interface ConnectionEvents {
  /** The socket opened: send `hello` now. */
  opened(): void;
  frame(frame: ServerFrame): void;
  stateChanged(state: ConnectionState): void;
}

/**
 * One WebSocket to /ws/chat at a time, re-opened with backoff after 1006, 1011, 1012 (service
 * restarting) and the other retryable close codes, closed while the browser reports no network and
 * re-opened as soon as it is back. It knows nothing of conversations: the controller says hello.
 */
export class ChatConnection {
  private socket: WebSocket | undefined;
  private openedAt = 0;
  private retryTimer: number | undefined;
  private currentState: ConnectionState = 'connecting';
  private everOpened = false;
  private readonly backoff = new ReconnectBackoff();

  constructor(
    private readonly url: string,
    private readonly events: ConnectionEvents,
  ) {
    window.addEventListener('offline', () => this.goOffline());
    window.addEventListener('online', () => this.comeBackOnline());
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  start(): void {
    if (navigator.onLine === false) this.setState('offline');
    else this.open();
  }

  /** Sends if the socket is open; false means "not sent" (the caller keeps it pending). */
  send(frame: ClientFrame): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Drops the current socket and opens a new one at once (e.g. to switch conversations). */
  restart(): void {
    this.dropSocket();
    this.backoff.reset();
    this.open();
  }

  private open(): void {
    this.clearRetry();
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (socket !== this.socket) return;
      this.openedAt = Date.now();
      this.everOpened = true;
      this.setState('open');
      this.events.opened();
    });
    socket.addEventListener('message', (event) => {
      if (socket !== this.socket) return; // a late frame of a socket we already replaced
      const frame = parseServerFrame(event.data);
      if (frame) this.events.frame(frame);
      else console.warn('[antonia] ignored a malformed frame from the server');
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.socket) return;
      this.socket = undefined;
      this.handleClose(event.code);
    });
  }

  private handleClose(code: number): void {
    if (this.openedAt > 0) this.backoff.connectionEnded(Date.now() - this.openedAt);
    this.openedAt = 0;
    if (this.currentState === 'offline') return;
    const verdict = closeVerdict(code);
    if (!verdict.retry) {
      this.setState(verdict.reason === 'version' ? 'failed-version' : 'failed-origin');
      return;
    }
    if (navigator.onLine === false) {
      this.setState('offline');
      return;
    }
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    this.retryTimer = window.setTimeout(() => this.open(), this.backoff.next(verdict.minimumMs));
  }

  private goOffline(): void {
    if (this.currentState === 'failed-version' || this.currentState === 'failed-origin') return;
    // A dead network can leave a socket looking open for a long time; drop it now so that what the
    // citizen types goes to the outbox and is resent on a fresh socket.
    this.setState('offline');
    this.dropSocket();
    this.clearRetry();
  }

  private comeBackOnline(): void {
    if (this.currentState !== 'offline') return;
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    this.backoff.reset();
    this.open();
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000, 'client reconnecting');
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.events.stateChanged(state);
  }
}
