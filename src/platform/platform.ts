/**
 * The platform interface: the few calls that differ between Node.js and a
 * browser (creating a worker, counting cores, receiving a message
 * synchronously, serializing values). `memory/`, `sync/`, `core/` and `iter/`
 * reach the platform only through {@link platform}; the Node implementation is
 * installed by the package entry points (`index.ts`, the worker entry).
 */

/** The subset of a worker thread the pool uses. */
export interface PlatformWorker {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  on(event: 'message', listener: (message: unknown) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  terminate(): Promise<unknown>;
  ref(): void;
  unref(): void;
}

/** Options for {@link Platform.createWorker}. */
export interface CreateWorkerOptions {
  name: string;
  workerData: unknown;
  transferList?: readonly unknown[];
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number; stackSizeMb?: number };
}

/** A port that can be read synchronously with {@link Platform.receiveSync}. */
export interface PlatformPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): void;
  close(): void;
  unref?(): void;
}

/** A value serializer that passes SharedArrayBuffers as handles. */
export interface Serializer {
  /** Serializes `value`; shared buffers are replaced by ids from `shareBuffer`. */
  serialize(value: unknown, shareBuffer: (sab: SharedArrayBuffer) => number): Uint8Array;
  /** Deserializes bytes produced by `serialize`; ids resolve through `findBuffer`. */
  deserialize(bytes: Uint8Array, findBuffer: (id: number) => SharedArrayBuffer): unknown;
}

/** What Tessera needs from the host platform. */
export interface Platform {
  /** Number of threads the host can run in parallel. */
  availableParallelism(): number;
  /** Starts a worker running the module at `url`. */
  createWorker(url: URL, options: CreateWorkerOptions): PlatformWorker;
  /** Takes one queued message from `port` without blocking, if there is one. */
  receiveSync(port: PlatformPort): { message: unknown } | undefined;
  /** The structured serializer used for task arguments and results. */
  readonly serializer: Serializer;
  /** In a worker: the data it was started with and its port to the parent; undefined on the main thread. */
  workerContext(): { workerData: unknown; parentPort: PlatformPort } | undefined;
  /** Monotonic time in milliseconds. */
  now(): number;
  /**
   * Modules each worker must import before it loads task modules, so that the
   * loader the program runs under (e.g. `tsx`) also works inside workers; when
   * `register` is set, the module's `register()` export is called.
   */
  workerPreloads(): { url: string; register: boolean }[];
  /** Ends the current worker thread (after its loop returned). */
  exitThread(): void;
}

/**
 * The installed platform, kept on `globalThis` (see `core/README.md`, "Worker entry bundle"):
 * a pool worker runs a bundled copy of the runtime, and the modules a task imports from
 * the package must see the platform that copy installed.
 */
const state = ((globalThis as Record<symbol, unknown>)[Symbol.for('tessera.platform')] ??= { current: undefined }) as { current: Platform | undefined };

/** Installs the platform implementation (done once by each entry point). */
export function setPlatform(p: Platform): void {
  state.current = p;
}

/** The installed platform, or undefined when no entry point has installed one yet. */
export function installedPlatform(): Platform | undefined {
  return state.current;
}

/** The installed platform; throws if no entry point installed one. */
export function platform(): Platform {
  const p = state.current;
  if (p === undefined) throw new Error('Tessera: no platform installed (import tessera through its package entry point)');
  return p;
}
