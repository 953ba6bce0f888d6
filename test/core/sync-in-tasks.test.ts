import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Mutex } from 'tessera';
import { fixture, withPool } from '../support.js';

describe('pool - sync primitives as task arguments', () => {
  it('a Mutex handle passed to many tasks protects a shared counter (no lost update)', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const k = await pool.load<typeof import('../fixtures/core/locked.mjs')>(fixture('core/locked.mjs'));
      const mutex = new Mutex();
      const counter = new Float64Array(new SharedArrayBuffer(8));
      const tasks = 40;
      const each = 5000;
      const done = await Promise.all(Array.from({ length: tasks }, () => k.lockedIncrements(mutex.handle, counter, each)));
      assert.equal(done.length, tasks);
      assert.equal(counter[0], tasks * each);
    });
  });

  it('passes a bare SharedArrayBuffer inside an object as a handle', async () => {
    await withPool({ threads: 2 }, async (pool) => {
      const sab = new SharedArrayBuffer(8);
      const out = await pool.run((o: { buf: SharedArrayBuffer; list: SharedArrayBuffer[] }) => {
        new Int32Array(o.buf)[0] = 11;
        new Int32Array(o.list[0]!)[1] = 12;
        return o.buf === o.list[0];
      }, { buf: sab, list: [sab] });
      assert.equal(out, true, 'identity of the buffer kept within one value');
      assert.deepEqual([...new Int32Array(sab)], [11, 12]);
    });
  });
});
