/**
 * Cancellable work shared by key between the requests that need it. A task runs under its own signal, not under the
 * signal of the request that started it: a request that is cancelled only stops waiting, and the task is aborted
 * once no request waits for it any more. The abort is deferred by one macrotask, so a request that supersedes the
 * cancelled one (same key, next message) picks the running task up instead of starting it again, and a cancelled
 * request never hands its cancellation to the next one.
 */
interface Task<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  waiters: number;
  settled: boolean;
  value?: T;
}

export class SharedTasks<T> {
  private readonly tasks = new Map<string, Task<T>>();

  /** `keep`: how many finished results to keep, the least recently finished or asked for dropped first. */
  constructor(private readonly keep = Infinity) {}

  /** The task's result for `key`, starting `start` if none is running or done; rejects when `signal` aborts. */
  run(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const task = this.tasks.get(key) ?? this.begin(key, start);
    if (task.settled) {
      // Most recently used last, so that evict() drops the oldest.
      this.tasks.delete(key);
      this.tasks.set(key, task);
    }
    if (task.settled || !signal) return task.promise;
    task.waiters++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        signal.removeEventListener('abort', onAbort);
        task.waiters--;
      };
      const onAbort = () => {
        leave();
        reject(signal.reason);
        if (task.waiters === 0) setTimeout(() => this.abandon(key, task), 0);
      };
      signal.addEventListener('abort', onAbort);
      task.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }

  /** The result of a task that has finished, without waiting or starting anything. */
  done(key: string): T | undefined {
    return this.tasks.get(key)?.value;
  }

  /** Tasks running or done (for tests and diagnostics). */
  get size(): number {
    return this.tasks.size;
  }

  private begin(key: string, start: (signal: AbortSignal) => Promise<T>): Task<T> {
    const controller = new AbortController();
    let started!: (promise: Promise<T>) => void;
    const task: Task<T> = {
      promise: new Promise<T>((resolve) => (started = resolve)),
      controller,
      waiters: 0,
      settled: false,
    };
    // Known before it starts: a request for the same key made while `start` runs (from a progress report it sends
    // before its first await) joins this task instead of starting a second one.
    this.tasks.set(key, task);
    try {
      started(start(controller.signal));
    } catch (error) {
      started(Promise.reject(error));
    }
    task.promise.then(
      (value) => {
        task.settled = true;
        task.value = value;
        this.evict();
      },
      () => {
        task.settled = true;
        if (this.tasks.get(key) === task) this.tasks.delete(key);
      },
    );
    return task;
  }

  private evict(): void {
    const finished = [...this.tasks].filter(([, task]) => task.settled);
    for (const [key] of finished.slice(0, Math.max(0, finished.length - this.keep))) this.tasks.delete(key);
  }

  private abandon(key: string, task: Task<T>): void {
    if (task.waiters > 0 || task.settled) return;
    if (this.tasks.get(key) === task) this.tasks.delete(key);
    task.controller.abort(new DOMException('no request waits for this task', 'AbortError'));
  }
}
