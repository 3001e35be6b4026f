/**
 * Named channels of cancellable work: starting a job on a channel aborts the job still running there. This is how a
 * dragged slider keeps only its latest request alive.
 */
export class SupersedingChannels {
  private readonly running = new Map<string, AbortController>();

  /** A signal for a new job; with a channel, the previous job on it is aborted first. */
  start(channel?: string): AbortController {
    const controller = new AbortController();
    if (channel !== undefined) {
      this.running.get(channel)?.abort(new DOMException(`superseded on channel '${channel}'`, 'AbortError'));
      this.running.set(channel, controller);
    }
    return controller;
  }

  /** Aborts the job running on a channel, if any. */
  cancel(channel: string): void {
    this.running.get(channel)?.abort(new DOMException(`cancelled on channel '${channel}'`, 'AbortError'));
    this.running.delete(channel);
  }

  /** Forgets a finished job (unless a newer one has taken its channel). */
  finish(channel: string | undefined, controller: AbortController): void {
    if (channel !== undefined && this.running.get(channel) === controller) this.running.delete(channel);
  }

  get active(): number {
    return this.running.size;
  }
}
