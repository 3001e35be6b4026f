/**
 * Calls to something that can be lost (a worker): each guarded promise settles as it would, or rejects once the
 * guard fails. Unlike Promise.race with one long-lived "lost" promise, which leaves that promise a reaction per call
 * holding the call's result for as long as the worker lives, a settled call leaves nothing behind.
 */
export class LossGuard {
  private readonly pending = new Set<(error: Error) => void>();
  private failure: Error | null = null;

  /** `promise`, or a rejection with the failure (at once when the guard has already failed). */
  guard<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.pending.add(reject);
      promise.then(resolve, reject).finally(() => this.pending.delete(reject));
    });
  }

  /** Rejects every call under way, and every later one, with `error` (the first failure counts). */
  fail(error: Error): void {
    this.failure ??= error;
    for (const reject of this.pending) reject(this.failure);
    this.pending.clear();
  }

  get failed(): boolean {
    return this.failure !== null;
  }
}
