// An immutable snapshot and the listeners told when it is replaced: what React's
// useSyncExternalStore reads from an object that lives outside React.
export class SnapshotStore<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private snap: T) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): T => this.snap;

  set(snap: T): void {
    this.snap = snap;
    for (const listener of this.listeners) listener();
  }

  /** Forgets every listener (the source is gone). */
  close(): void {
    this.listeners.clear();
  }
}
