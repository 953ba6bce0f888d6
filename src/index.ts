/**
 * Tessera's public API. Everything a user may import is re-exported here by
 * name; anything not listed is internal and may change without notice.
 */

import { nodePlatform } from './platform/node.js';
import { setPlatform } from './platform/platform.js';

setPlatform(nodePlatform);

// --- shared (errors and checks) ---
export { TesseraError, InvalidArgumentError, TimeoutError, CancelledError } from './shared/errors.js';
export type { TesseraErrorOptions } from './shared/errors.js';

// --- core (pool, issue 2) ---
export { Pool } from './core/pool.js';
export type { PoolStats, WorkerStats } from './core/pool-stats.js';
export type { PoolOptions, TaskOptions, InlineTaskOptions } from './core/pool-options.js';
export type { IdleStrategy } from './core/sleep.js';
export type { Remote, RemoteFunction } from './core/remote.js';
export { currentTask } from './core/task-context.js';
export type { TaskContext } from './core/task-context.js';
export { join, call } from './core/join.js';
export type { TaskCall } from './core/join.js';
export { WorkerCrashedError, WorkerStartError, QueueFullError, PoolClosedError, FreeVariableError, ModuleLoadError, SerializationError } from './core/errors.js';
export { HeapExhaustedError } from './memory/shared-heap.js';

// --- memory and sync (issue 3) ---
// Shared data (memory/): see src/memory/README.md.
export { shared } from './memory/shared.js';
export type { SharedNamespace, SharedFrom } from './memory/shared.js';
export type { ElementKind, ElementArrays, AnyTypedArray } from './memory/shared-array.js';
export { SharedStruct } from './memory/struct-of-arrays.js';
export type { SharedStructOf, StructSchema, StructFields, SharedStructHandle } from './memory/struct-of-arrays.js';
export { SharedBytes, StaleBufferError } from './memory/shared-bytes.js';
export type { SharedBytesHandle } from './memory/shared-bytes.js';
export { MpmcRing } from './memory/mpmc-ring.js';
export type { MpmcRingHandle } from './memory/mpmc-ring.js';
export type { SharedHandle } from './memory/handle.js';
// Synchronization (sync/): see src/sync/README.md.
export { WaitWord } from './sync/wait-word.js';
export type { WaitOptions, WaitResult, AsyncWaitResult } from './sync/wait-word.js';
export { Mutex, MutexGuard } from './sync/mutex.js';
export type { MutexOptions, MutexHandle } from './sync/mutex.js';
export { RwLock, RwLockReadGuard, RwLockWriteGuard } from './sync/rw-lock.js';
export type { RwLockOptions, RwLockHandle } from './sync/rw-lock.js';
export type { LockOptions } from './sync/lock-options.js';
export { Condvar } from './sync/condvar.js';
export type { CondvarOptions, CondvarHandle } from './sync/condvar.js';
export { Semaphore, SemaphorePermit } from './sync/semaphore.js';
export type { SemaphoreOptions, SemaphoreHandle } from './sync/semaphore.js';
export { Barrier } from './sync/barrier.js';
export type { BarrierWaitResult, BarrierHandle } from './sync/barrier.js';
export { Latch, CountDownLatch } from './sync/latch.js';
export type { LatchHandle } from './sync/latch.js';
export { Once } from './sync/once.js';
export type { OnceHandle } from './sync/once.js';
export { Channel } from './sync/channel.js';
export type { ChannelOptions, ChannelMode, ChannelHandle } from './sync/channel.js';
export { AtomicCounter } from './sync/atomic-counter.js';
export type { AtomicCounterHandle } from './sync/atomic-counter.js';
export { PaddedCounters } from './sync/padded-counters.js';
export type { PaddedCountersOptions, PaddedCountersHandle } from './sync/padded-counters.js';
export { DeadlockDetector } from './sync/deadlock-detector.js';
export type { DeadlockDetectorOptions, DeadlockDetectorHandle, WaitForGraph } from './sync/deadlock-detector.js';
export type { LockStats } from './sync/contention-stats.js';
export { currentThreadId, setCurrentThreadId } from './sync/thread-id.js';
export {
  LockNotHeldError,
  DeadlockError,
  ChannelClosedError,
  BlockingNotAllowedError,
  SyncMisuseError,
  CapacityExceededError,
} from './sync/errors.js';

// --- iter (issue 4) ---
// Parallel iterators, sorting, matmul, scans (iter/): see src/iter/README.md.
import './iter/install.js';
export { ParIter, IndexedParIter } from './iter/par-iter.js';
export type { ConsumerOptions } from './iter/par-iter.js';
export type { IterOptions, CallOptions, KernelOptions, Schedule } from './iter/options.js';
export { kernels } from './iter/kernel.js';
export type { Kernel, KernelRef, KernelRefs } from './iter/kernel.js';
export { random } from './iter/random.js';
export type { RandomNamespace } from './iter/random.js';
export type { NumberTypedArray, BigIntTypedArray } from './iter/install.js';
export { scope } from './iter/fork.js';
export type { Job, Scope, TaskScope } from './iter/fork.js';
export type { SortOptions, Comparator } from './iter/sort/api.js';
export { matmulSeq } from './iter/matmul.js';
export type { MatmulOptions } from './iter/matmul.js';
export type { ScanOptions } from './iter/scan.js';

// --- configuration (tessera.toml) ---
// Loading (file, TESSERA_* variables, overrides) and pools built from it: see src/config/README.md.
export { loadConfig } from './setup/load-config.js';
export type { LoadConfigOptions, LoadedConfig } from './setup/load-config.js';
export { createPool } from './setup/create-pool.js';
// Named modules, not the config barrel: the TOML and schema libraries load on the first loadConfig().
export { ConfigError } from './config/errors.js';
export { formatConfig } from './config/format.js';
export { poolOptionsFromConfig, iterOptionsFromConfig } from './config/options.js';
export type {
  TesseraConfig, ParSchedule, ConfigOverrides, ConfigLayer, ConfigEntry, ConfigIssue, ResolvedConfig, PoolOptionsFromConfig, IterOptionsFromConfig,
} from './config/index.js';

// --- tasks (issue 5) ---
// Task graphs, pipelines, the limiter and actors (tasks/): see src/tasks/README.md.
// Importing pool-methods adds pool.actor() and pool.graph() (module augmentation of Pool).
import './tasks/pool-methods.js';
export { TaskGraph, TaskRef } from './tasks/graph.js';
export type {
  TaskGraphOptions, NodeOptions, TaskStatus, ResultLocation, NodeInfo, TaskGraphEvents, TaskGraphStats, RefOr, RefArgs,
  GraphFunction, GraphModule,
} from './tasks/graph.js';
export { asCompleted } from './tasks/as-completed.js';
export type { Completion } from './tasks/as-completed.js';
export { pipeline, Pipeline } from './tasks/pipeline.js';
export type {
  StageContext, StageFn, StageOptions, PipelineOptions, StageStats, SkipReport, PipelineStats, PipelineEvents, PipelineSource,
} from './tasks/pipeline.js';
export { Limiter } from './tasks/limiter.js';
export type { LimiterOptions, LimitOptions, LimiterStats } from './tasks/limiter.js';
export { actor, spawnActor, ActorRef } from './tasks/actor.js';
export type {
  ActorMethods, ActorInstance, ActorArgs, SupervisionOptions, ActorOptions, ActorCallOptions, ActorState, ActorEvents, ActorStats,
} from './tasks/actor.js';
export type { Unsubscribe } from './tasks/emitter.js';
export {
  DependencyFailedError, ResultReleasedError, GraphClosedError, StageError, ActorCrashedError, ActorStoppedError,
} from './tasks/errors.js';
