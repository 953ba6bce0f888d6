import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ActorCrashedError, ActorStoppedError, CancelledError, InvalidArgumentError, ModuleLoadError, WorkerCrashedError, actor, shared,
  spawnActor,
} from 'tessera';
import { fixture, sleep, withPool } from '../support.js';

type Actors = typeof import('../fixtures/tasks/actors.mjs');
const ACTORS = fixture('tasks/actors.mjs');

describe('actor - calls and state', () => {
  it('processes calls one at a time in order and keeps its state', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const c = await pool.actor<Actors, 'Counter'>(ACTORS, 'Counter', 100);
      // Async calls with decreasing delays: still applied in call order.
      const results = await Promise.all([c.call.addLater(1, 30), c.call.addLater(2, 1), c.call.add(3), c.call.addLater(4, 10)]);
      assert.deepEqual(results, [101, 103, 106, 110]);
      const state = await c.call.get();
      assert.deepEqual(state.log, [1, 2, 3, 4]);
      assert.equal(state.worker, c.workerIndex);
      const many = await Promise.all(Array.from({ length: 200 }, (_, i) => c.call.add(i % 2 === 0 ? 1 : -1)));
      assert.equal(many[199], 110);
      assert.equal(c.stats().calls, 205);
      assert.equal(c.state, 'running');
    });
  });

  it('places actors round robin, each with its own state, and builds from factories', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const a = await actor<Actors, 'Counter'>(pool, ACTORS, 'Counter');
      const b = await actor<Actors, 'Counter'>(pool, ACTORS, 'Counter', 50);
      assert.notEqual(a.workerIndex, b.workerIndex);
      await Promise.all([a.call.add(1), b.call.add(1), a.call.add(1)]);
      assert.equal((await a.call.get()).n, 2);
      assert.equal((await b.call.get()).n, 51);
      const acc = await pool.actor<Actors, 'makeAccount'>(ACTORS, 'makeAccount', 'ann');
      assert.equal(await acc.call.deposit(5), 5);
      assert.equal(await acc.call.owner(), 'ann');
      assert.equal(await acc.ask('deposit', 2), 7);
      assert.deepEqual(Object.keys(acc.call).sort(), ['deposit', 'owner']);
    });
  });

  it('a method that throws rejects that call only; the actor goes on', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const c = await pool.actor<Actors, 'Counter'>(ACTORS, 'Counter');
      await c.call.add(1);
      await assert.rejects(c.call.fail('nope'), (e: unknown) => e instanceof TypeError && e.message === 'nope');
      assert.equal(await c.call.add(1), 2);
      assert.equal(c.restarts, 0);
      assert.equal(c.stats().failed, 1);
    });
  });

  it('delivers progress and honours per-call cancellation', async () => {
    await withPool({ threads: 1, cancelGraceMs: 2000 }, async (pool) => {
      const c = await pool.actor<Actors, 'Counter'>(ACTORS, 'Counter');
      const seen: number[] = [];
      assert.equal(await c.with({ onProgress: (d) => seen.push(d) }).progress(3), 3);
      assert.deepEqual(seen, [1, 2, 3]);
      const ac = new AbortController();
      const spinning = c.with({ signal: ac.signal }).spin();
      const queued = c.call.add(5);
      await sleep(30);
      ac.abort();
      await assert.rejects(spinning, CancelledError);
      assert.equal(await queued, 5, 'the next call runs once the cancelled one stopped');
      await assert.rejects(c.with({ timeoutMs: 20 }).spin(), (e: unknown) => (e as Error).name === 'TimeoutError');
      assert.equal(c.restarts, 0);
    });
  });

  it('rejects a bad module or export', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      await assert.rejects(pool.actor(fixture('tasks/missing.mjs'), 'X'), ModuleLoadError);
      await assert.rejects(pool.actor<Actors, 'Counter'>(ACTORS, 'Nope' as 'Counter'), TypeError);
      await assert.rejects(spawnActor(pool, { module: ACTORS, exportName: 'Counter', worker: 3 }), InvalidArgumentError);
    });
  });
});

describe('actor - crashes and supervision', () => {
  it('a crash rejects pending calls with ActorCrashedError and restarts from the constructor', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const c = await pool.actor<Actors, 'Counter'>(ACTORS, 'Counter', 10);
      const events: string[] = [];
      c.on('crash', (e) => events.push(`crash:${(e.error as Error).name}:${e.willRestart}`));
      c.on('restart', (e) => events.push(`restart:${e.restarts}:${e.fromSnapshot}`));
      await c.call.add(5);
      const calls = [c.call.add(1), c.call.crash(), c.call.add(2), c.call.add(3)];
      const after = c.call.add(100); // sent after the crash is known? either way it must settle
      const outcomes = await Promise.allSettled(calls);
      assert.equal(outcomes[0]!.status, 'fulfilled');
      for (const o of outcomes.slice(1)) {
        assert.equal(o.status, 'rejected');
        const e = (o).reason as ActorCrashedError;
        assert.ok(e instanceof ActorCrashedError, String(e));
        assert.equal(e.code, 'ERR_ACTOR_CRASHED');
        assert.equal(e.actor, c.id);
      }
      assert.ok(((outcomes[1] as PromiseRejectedResult).reason as Error).cause instanceof WorkerCrashedError);
      await Promise.allSettled([after]);
      const v = await c.call.add(1);
      const state = await c.call.get();
      assert.equal(v, state.n);
      assert.ok(state.n === 11 || state.n === 111, `fresh from the constructor (10), got ${state.n}`);
      assert.equal(c.restarts, 1);
      assert.deepEqual(events, ['crash:WorkerCrashedError:true', 'restart:1:false']);
    });
  });

  it('restores the last snapshot when the class has snapshot() and restore()', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const c = await pool.actor<Actors, 'SnapCounter'>(ACTORS, 'SnapCounter', 0);
      await c.call.add(5);
      await c.call.add(6);
      await assert.rejects(c.call.crash(), ActorCrashedError);
      const state = await c.call.get();
      assert.deepEqual([state.n, state.log], [11, [5, 6]]);
      assert.equal(await c.call.wasRestored(), true);
      // manual snapshots
      const m = await spawnActor<Actors, 'SnapCounter'>(pool, { module: ACTORS, exportName: 'SnapCounter', snapshots: 'manual' });
      await m.call.add(1);
      assert.deepEqual(await m.snapshot(), { n: 1, log: [1] });
      await m.call.add(2);
      await assert.rejects(m.call.crash(), ActorCrashedError);
      assert.equal((await m.call.get()).n, 1, 'back to the manual snapshot');
    });
  });

  it('stops after maxRestarts within the window: later calls reject with ActorStoppedError', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const c = await spawnActor<Actors, 'Counter'>(pool, { module: ACTORS, exportName: 'Counter', supervision: { maxRestarts: 2, withinMs: 60_000 } });
      let stopped: unknown;
      c.on('stop', (e) => (stopped = e.error));
      const restarted = () => new Promise<void>((r) => {
        const off = c.on('restart', () => {
          off();
          r();
        });
      });
      let back = restarted();
      await assert.rejects(c.call.crash(), ActorCrashedError);
      await back;
      back = restarted();
      await assert.rejects(c.call.crash(), ActorCrashedError);
      await back;
      assert.equal(c.restarts, 2);
      const last = c.call.crash();
      const pending = c.call.add(1);
      await assert.rejects(last, ActorCrashedError);
      await assert.rejects(pending, ActorCrashedError, 'sent before the crash was known');
      assert.equal(c.state, 'stopped');
      const e = await c.call.add(1).catch((x: unknown) => x);
      assert.ok(e instanceof ActorStoppedError && e.code === 'ERR_ACTOR_STOPPED');
      assert.ok(e.cause instanceof WorkerCrashedError);
      assert.ok(stopped instanceof ActorStoppedError);
    });
  });

  it('stops when the restart itself fails', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const c = await pool.actor<Actors, 'FailsOnRestart'>(ACTORS, 'FailsOnRestart', shared.int32(1));
      await assert.rejects(c.call.crash(), ActorCrashedError);
      const e = await c.call.crash().catch((x: unknown) => x);
      assert.ok(e instanceof ActorStoppedError, String(e));
      assert.equal((e.cause as Error).message, 'cannot start twice');
      assert.equal(c.state, 'stopped');
    });
  });

  it('restarts every actor that lived on the crashed worker, and only those', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const a = await spawnActor<Actors, 'Counter'>(pool, { module: ACTORS, exportName: 'Counter', worker: 0 });
      const b = await spawnActor<Actors, 'Counter'>(pool, { module: ACTORS, exportName: 'Counter', worker: 0 });
      const c = await spawnActor<Actors, 'Counter'>(pool, { module: ACTORS, exportName: 'Counter', worker: 1 });
      await Promise.all([a.call.add(1), b.call.add(2), c.call.add(3)]);
      await assert.rejects(a.call.crash(), ActorCrashedError);
      assert.equal((await b.call.get()).n, 0, 'b lost its state with the worker and was restarted');
      assert.equal(b.restarts, 1);
      assert.equal((await c.call.get()).n, 3, 'c lives on another worker');
      assert.equal(c.restarts, 0);
    });
  });

  it('notices a worker replaced while no call was pending', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const c = await pool.actor<Actors, 'Counter'>(ACTORS, 'Counter');
      await c.call.add(7);
      // Another task crashes the actor's worker.
      await assert.rejects(pool.run(() => process.exit(9)), WorkerCrashedError);
      await assert.rejects(c.call.add(1), ActorCrashedError);
      assert.equal(await c.call.add(1), 1);
      assert.equal(c.restarts, 1);
    });
  });
});

describe('actor - stop', () => {
  it('stop() waits for sent calls, disposes the instance and rejects later calls', async () => {
    await withPool({ threads: 1 }, async (pool) => {
      const flag = shared.int32(1);
      const d = await pool.actor<Actors, 'Disposable'>(ACTORS, 'Disposable', flag);
      const c = await pool.actor<Actors, 'Counter'>(ACTORS, 'Counter');
      const sent = c.call.addLater(1, 30);
      const stopping = c.stop();
      await assert.rejects(c.call.add(1), ActorStoppedError);
      await stopping;
      assert.equal(await sent, 1);
      assert.equal(c.state, 'stopped');
      assert.equal(await d.call.ping(), 'pong');
      await d.stop();
      assert.equal(flag[0], 1, 'dispose() ran in the worker');
    });
  });
});
