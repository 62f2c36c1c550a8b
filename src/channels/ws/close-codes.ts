/**
 * WebSocket close codes of the citizen chat protocol (docs/protocol.md). The 4xxx codes are ours; the
 * widget decides from the code whether to reconnect.
 */
export const CloseCode = {
  /** Service restarting (graceful shutdown, deploy): reconnect with backoff. Sent by src/app.ts's preClose. */
  serviceRestart: 1012,
  /** `hello.v` is a protocol version this server does not speak: do not reconnect. */
  unsupportedVersion: 4000,
  /** No `hello` within HELLO_TIMEOUT_MS: reconnect and say hello at once. */
  helloTimeout: 4001,
  /** The page's Origin is not allowed: do not reconnect (a configuration problem). */
  originRefused: 4003,
  /** Too many open connections from this IP: reconnect after a long backoff. */
  tooManyConnections: 4008,
} as const;

/** How long a new socket may stay silent before its `hello`. */
export const HELLO_TIMEOUT_MS = 10_000;
