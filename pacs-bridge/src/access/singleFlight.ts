// Callers asking the same question at the same moment share one answer: the first one asks, the
// others wait for its promise (its failure too). Nothing is kept once it settles.
export class SingleFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  run(key: string, ask: () => Promise<T>): Promise<T> {
    const asked = this.pending.get(key);
    if (asked) return asked;
    const started = ask().finally(() => this.pending.delete(key));
    this.pending.set(key, started);
    return started;
  }
}
