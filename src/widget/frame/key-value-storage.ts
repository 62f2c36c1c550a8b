/**
 * localStorage of the service's origin (so the conversation survives page loads and is shared by the
 * tabs of the site), falling back to memory when the browser refuses storage (private modes, blocked
 * third-party storage): the chat then still works for the life of the page.
 */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** True when values outlive the page (real localStorage). */
  readonly persistent: boolean;
}

export function memoryStorage(): KeyValueStorage {
  const values = new Map<string, string>();
  return {
    persistent: false,
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}

export function browserStorage(probeKey = 'antonia:probe'): KeyValueStorage {
  try {
    const storage = window.localStorage;
    storage.setItem(probeKey, '1');
    storage.removeItem(probeKey);
    const fallback = memoryStorage();
    return {
      persistent: true,
      get: (key) => {
        try {
          return fallback.get(key) ?? storage.getItem(key);
        } catch {
          return fallback.get(key);
        }
      },
      set: (key, value) => {
        try {
          storage.setItem(key, value);
          fallback.remove(key);
        } catch {
          fallback.set(key, value); // quota exceeded: keep it for this page at least
        }
      },
      remove: (key) => {
        try {
          storage.removeItem(key);
        } catch {
          fallback.remove(key);
        }
      },
    };
  } catch {
    return memoryStorage();
  }
}
