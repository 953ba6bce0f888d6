import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shared, SharedStruct, SharedBytes, StaleBufferError, InvalidArgumentError } from 'tessera';
import { start } from '../support/workers.js';

test('shared - typed arrays of every kind are shared with workers, not copied', { timeout: 30_000 }, async () => {
  const arrays = [
    shared.int8(2), shared.uint8(2), shared.uint8Clamped(2), shared.int16(2), shared.uint16(2), shared.int32(2),
    shared.uint32(2), shared.float32(2), shared.float64(2), shared.bigInt64(2), shared.bigUint64(2),
  ];
  for (const a of arrays) {
    assert.equal(shared.isShared(a), true);
    assert.equal(a.length, 2);
  }
  await start('memory-worker.mjs', { scenario: 'array-write', arrays }).done;
  for (const a of arrays) assert.equal(a[0], typeof a[0] === 'bigint' ? 7n : 7, `${a.constructor.name} written by the worker is visible here`);
});

test('shared - from() copies into shared memory, keeping or choosing the element type', () => {
  const f = shared.from([1.5, 2.5]);
  assert.ok(f instanceof Float64Array);
  assert.deepEqual([...f], [1.5, 2.5]);
  const i = shared.from(new Int32Array([1, 2, 3]));
  assert.ok(i instanceof Int32Array && shared.isShared(i));
  const u = shared.from([1, 2, 300], 'uint8');
  assert.deepEqual([...u], [1, 2, 44]);
  const big = shared.from([1, 2], 'bigint64');
  assert.deepEqual([...big], [1n, 2n]);
  const original = new Float32Array([1, 2]);
  const copy = shared.from(original);
  copy[0] = 9;
  assert.equal(original[0], 1, 'a copy, not a view');
  assert.equal(shared.isShared(new Float64Array(2)), false);
  assert.equal(shared.isShared([1, 2]), false);
  assert.equal(shared.array('uint16', 3).length, 3);
  assert.throws(() => shared.float64(-1), InvalidArgumentError);
  assert.throws(() => shared.float64(1.5), InvalidArgumentError);
  assert.throws(() => shared.array('float16' as never, 1), InvalidArgumentError);
  assert.throws(() => shared.from(null as never), InvalidArgumentError);
});

test('shared - struct of arrays: cache-line aligned fields in one buffer, rebuilt in a worker', { timeout: 30_000 }, async () => {
  const p = shared.struct({ x: 'float64', y: 'float64', m: 'float32', id: 'int32' }, 10);
  assert.equal(p.length, 10);
  assert.deepEqual(p.fieldNames, ['x', 'y', 'm', 'id']);
  for (const [, , byteOffset] of p.handle.fields) assert.equal(byteOffset % 64, 0);
  assert.ok(p.x.buffer === p.buffer && p.id.buffer === p.buffer);
  assert.equal(p.field('m'), p.m);
  const r = await start<{ fields: string[] }>('memory-worker.mjs', { scenario: 'struct-write', struct: p.handle }).done;
  assert.deepEqual(r.fields, ['x', 'y', 'm', 'id']);
  assert.equal(p.x[4], 2);
  assert.equal(p.id[9], 1009);
  assert.equal(SharedStruct.fromHandle<{ x: 'float64' }>(structuredClone(p.handle)).x[4], 2);
  assert.throws(() => shared.struct({ length: 'int32' }, 1), InvalidArgumentError);
  assert.throws(() => shared.struct({}, 1), InvalidArgumentError);
  assert.throws(() => shared.struct({ a: 'int33' as never }, 1), InvalidArgumentError);
  assert.throws(() => p.field('nope' as never), InvalidArgumentError);
  assert.equal(SharedStruct.create({ a: 'uint8' }, 0).a.length, 0);
});

test('shared - growable bytes: append, reallocate, readers see data and detect stale handles', { timeout: 30_000 }, async () => {
  const b = SharedBytes.create(4);
  assert.equal(b.append([1, 2, 3]), 0);
  const oldHandle = b.handle;
  assert.equal(b.generation, 0);
  assert.equal(b.append(new Uint8Array([4, 5, 6, 7, 8])), 3);
  assert.equal(b.generation, 1, 'grew by reallocation');
  assert.ok(b.capacity >= 8);
  assert.deepEqual([...b.bytes()], [1, 2, 3, 4, 5, 6, 7, 8]);
  const fresh = await start<{ length: number; stale: boolean; copy: number[] }>('memory-worker.mjs', { scenario: 'bytes-read', bytes: b.handle }).done;
  assert.deepEqual(fresh, { length: 8, stale: false, copy: [1, 2, 3, 4, 5, 6, 7, 8] });
  const old = await start<{ length: number; stale: boolean }>('memory-worker.mjs', { scenario: 'bytes-read', bytes: oldHandle }).done;
  assert.equal(old.stale, true);
  const oldView = SharedBytes.fromHandle(oldHandle);
  assert.throws(() => oldView.append([1]), StaleBufferError);
  b.resize(2);
  assert.deepEqual([...b.toUint8Array()], [1, 2]);
  b.resize(4);
  assert.deepEqual([...b.toUint8Array()], [1, 2, 0, 0]);
  b.clear();
  assert.equal(b.length, 0);
  assert.equal(shared.bytes().capacity, 256);
  assert.equal(shared.isShared(b.bytes()), true);
  assert.equal(shared.isShared(b.toUint8Array()), false);
  assert.throws(() => SharedBytes.create(-1), InvalidArgumentError);
  assert.throws(() => b.append(5 as never), InvalidArgumentError);
});
