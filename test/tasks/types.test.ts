// Compile-time checks of the tasks layer's types: the point is that this file type-checks
// (including each @ts-expect-error); the assertions only make it a test.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline, pipeline, type ActorRef, type GraphModule, type TaskRef } from 'tessera';

/** What a typed task module looks like to `typeof import(…)`. */
interface Kernels {
  add(a: number, b: number): number;
  delay(ms: number, value: string): Promise<string>;
  total(xs: number[]): number;
  version: string;
}

declare class Counter {
  add(k: number): number;
  addLater(k: number, ms: number): Promise<number>;
  n: number;
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeIs = <T extends true>(_ok?: T): void => undefined;

describe('types - tasks', () => {
  it('graph builders take values or refs and return refs of the awaited result', () => {
    const check = (k: GraphModule<Kernels>, r: TaskRef<number>) => {
      const _a = k.add(1, r);
      typeIs<Equal<typeof _a, TaskRef<number>>>();
      const _d = k.delay(5, 'x');
      typeIs<Equal<typeof _d, TaskRef<string>>>();
      // @ts-expect-error a string where add wants a number
      k.add('1', r);
      // @ts-expect-error a ref of the wrong type
      k.total(r);
      // @ts-expect-error only functions become builders
      k.version();
      return k.add.with({ name: 'n', timeoutMs: 5 })(r, r);
    };
    assert.equal(typeof check, 'function');
  });

  it('actor methods are typed after the class', () => {
    const check = async (c: ActorRef<Counter>) => {
      const _n = await c.call.add(1);
      typeIs<Equal<typeof _n, number>>();
      const _later = await c.with({ timeoutMs: 1 }).addLater(1, 2);
      typeIs<Equal<typeof _later, number>>();
      // @ts-expect-error no such method
      void c.call.nope();
      // @ts-expect-error wrong argument type
      void c.call.add('x');
      // @ts-expect-error fields are not methods
      void c.call.n();
    };
    assert.equal(typeof check, 'function');
  });

  it('pipeline stages infer their output and drop DROP', async () => {
    const p = pipeline([1, 2, 3])
      .stage((x) => String(x))
      .stage((s) => Promise.resolve(s.length))
      .stage((n) => (n > 0 ? n * 2 : Pipeline.DROP));
    const out = await p.collect();
    typeIs<Equal<typeof out, number[]>>();
    assert.deepEqual(out, [2, 2, 2]);
  });
});
