import type { ConversationEvents } from '../../conversations/conversation-events.js';

/**
 * A `queue` event says a department's queue changed, which moves the position and estimated wait of
 * every citizen waiting there; it names no conversation. One listener per instance routes it to the
 * sockets of citizens waiting in that department (rather than every socket listening to every event).
 */
export class QueueWatch {
  private readonly byDepartment = new Map<string, Set<() => void>>();
  private readonly unsubscribe: () => void;

  constructor(events: ConversationEvents) {
    this.unsubscribe = events.subscribeAll((event) => {
      if (event.kind !== 'queue') return;
      for (const moved of this.byDepartment.get(event.department) ?? []) moved();
    });
  }

  /** Calls `moved` on each change of `department`'s queue; returns the function that stops it. */
  watch(department: string, moved: () => void): () => void {
    let set = this.byDepartment.get(department);
    if (!set) {
      set = new Set();
      this.byDepartment.set(department, set);
    }
    set.add(moved);
    return () => {
      set.delete(moved);
      if (set.size === 0) this.byDepartment.delete(department);
    };
  }

  stop(): void {
    this.unsubscribe();
    this.byDepartment.clear();
  }
}
