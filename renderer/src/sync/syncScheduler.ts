/**
 * When to run the sync engine by itself, so that an authority that worked offline catches up
 * without anyone remembering to press a button:
 *
 * - every automatic destination (a hub, a watched folder) is tried when its time has come:
 *   after a success, the poll interval; after failures, the backoff (shared/sync/backoff.ts);
 * - a local change makes destinations that are reachable run soon (a short debounce gathers a
 *   burst of edits into one bundle), but does not cut a backoff short: a hub that is down is not
 *   hammered at every keystroke;
 * - the network coming back (the browser's `online` event, a watched folder reporting a new
 *   file) makes them run at once, backoff or not: that is the moment to catch up.
 *
 * One run per destination at a time; timers are injectable for tests.
 */
import { isAutomatic, type Destination, type DestinationStatus } from '../../../shared/sync/destination';

export interface SchedulerDeps {
  destinations(): Promise<Destination[]>;
  status(id: string): Promise<DestinationStatus>;
  run(destination: Destination): Promise<unknown>;
  now?: () => number;
  /** How often due destinations are looked for. */
  readonly tickMs?: number;
  /** How long after a local change the run starts. */
  readonly debounceMs?: number;
  /** Reports a run that threw (the engine records failures itself; this is for the unexpected). */
  onError?: (error: unknown) => void;
}

export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private readonly running = new Set<string>();
  /** Destinations to run at the next tick whatever their status says. */
  private readonly forced = new Set<string>();
  private forceAll = false;
  private changed = false;
  private ticking: Promise<void> | null = null;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Local changes were made: reachable destinations run soon. */
  changesMade(): void {
    this.changed = true;
    this.schedule(this.deps.debounceMs ?? 2_000);
  }

  /** The network (or one destination) is back: run at once, backoff or not. */
  reachable(destinationId?: string): void {
    if (destinationId === undefined) this.forceAll = true;
    else this.forced.add(destinationId);
    this.schedule(0);
  }

  /** Wait for the tick in progress (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.ticking) await this.ticking;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    if (this.ticking) {
      // A tick is under way: look again when it is done.
      await this.ticking;
    }
    const work = this.runDue();
    this.ticking = work;
    try {
      await work;
    } finally {
      if (this.ticking === work) this.ticking = null;
      this.schedule(this.deps.tickMs ?? 5_000);
    }
  }

  private async runDue(): Promise<void> {
    const now = (this.deps.now ?? Date.now)();
    const forceAll = this.forceAll;
    const changed = this.changed;
    this.forceAll = false;
    this.changed = false;
    const forced = new Set(this.forced);
    this.forced.clear();
    let destinations: Destination[];
    try {
      destinations = await this.deps.destinations();
    } catch (e) {
      this.deps.onError?.(e);
      return;
    }
    const due: Destination[] = [];
    for (const destination of destinations) {
      if (!isAutomatic(destination) || this.running.has(destination.id)) continue;
      const status = await this.deps.status(destination.id);
      const run = forceAll || forced.has(destination.id) || now >= status.notBefore || (changed && status.failures === 0);
      if (run) due.push(destination);
    }
    await Promise.all(
      due.map(async (destination) => {
        this.running.add(destination.id);
        try {
          await this.deps.run(destination);
        } catch (e) {
          this.deps.onError?.(e);
        } finally {
          this.running.delete(destination.id);
        }
      }),
    );
  }
}
