/**
 * Runs async jobs one after another, in the order they were queued. A socket's outgoing work that needs
 * storage first (fetch the next messages, read the handoff view) goes through one queue, so its frames
 * leave in the order the work was asked for, never interleaved.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  /** Queues `job`; the returned promise settles with it. A failing job does not stop later ones. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
