import { readHostToFrame, wrap, type FrameToHost, type HostToFrame } from '../shared/host-frame-messages.js';

/**
 * The frame's side of the postMessage protocol: it talks only to its parent window, only at the origin
 * the loader announced (and the server checked against ALLOWED_ORIGINS), and listens only to that.
 */
export class HostBridge {
  readonly embedded: boolean;

  constructor(
    private readonly parentOrigin: string | undefined,
    onMessage: (message: HostToFrame) => void,
  ) {
    this.embedded = parentOrigin !== undefined && window.parent !== window;
    if (!this.embedded) return;
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent || event.origin !== this.parentOrigin) return;
      const message = readHostToFrame(event.data);
      if (message) onMessage(message);
    });
  }

  post(message: FrameToHost): void {
    if (this.embedded && this.parentOrigin) window.parent.postMessage(wrap(message), this.parentOrigin);
  }
}
