/**
 * One SQLite connection serves every request, so a transaction whose work is asynchronous
 * (it awaits each storage call, as it must for an engine whose calls are all asynchronous)
 * would otherwise take in whatever another request ran on the connection between two of its
 * calls: that request's write would commit or roll back with a transaction it knows nothing of,
 * and its reads would see writes not yet committed. The gate lets one transaction through at a
 * time and makes every other call wait until it has ended. Nothing but the connection's own
 * calls is awaited inside a transaction, so the wait is a few microtasks long.
 */
export interface TransactionGate {
  /** Whether a transaction holds the connection now. */
  readonly held: boolean;
  /**
   * Resolves once the transaction holding the connection now has ended. Another may have taken
   * it by the time the waiter goes on: check `held` again, and act in the same microtask.
   */
  free(): Promise<void>;
  /** Runs `work` while holding the connection, after any transaction holding it now. */
  hold<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `told` once the transaction holding the connection now has ended. */
  whenEnded(told: () => void): void;
}

export function createTransactionGate(): TransactionGate {
  let ended: Promise<void> | null = null;
  let toTell: (() => void)[] = [];

  return {
    get held() {
      return ended !== null;
    },
    free: () => ended ?? Promise.resolve(),
    async hold<T>(work: () => Promise<T>): Promise<T> {
      // Checked and taken in one microtask: of several waiters, the first takes it.
      while (ended !== null) await ended;
      let end = (): void => undefined;
      ended = new Promise((resolve) => {
        end = resolve;
      });
      try {
        return await work();
      } finally {
        ended = null;
        end();
        const told = toTell;
        toTell = [];
        for (const tell of told) tell();
      }
    },
    whenEnded(told) {
      if (ended === null) told();
      else toTell.push(told);
    },
  };
}
