// Quick start: inline functions, a task module with fork–join, shared memory,
// cancellation. Run: node examples/quick-start.mjs
import { CancelledError, Pool, shared } from 'tessera';

const pool = new Pool(); // one worker per core

// Inline function: its source travels to the workers; pass values through `context`.
console.log('inline:', await pool.run((x, ctx) => x * ctx.context.factor, 21, { context: { factor: 2 } }));

// Task module with fork–join inside the workers.
const { fib } = await pool.load(new URL('./fib.mjs', import.meta.url));
console.log('fib(32):', await fib(32));

// Shared memory: the worker writes straight into our array (no copy).
const squares = shared.float64(8);
await pool.run((a) => a.forEach((_, i) => (a[i] = i * i)), squares);
console.log('squares:', [...squares].join(' '));
// The pool keeps every buffer that travelled to it until it closes; release the ones you are done with.
await pool.release(squares);

// Cancellation: a cooperative task stops when asked.
const ac = new AbortController();
const spinning = pool.run((_, ctx) => {
  while (!ctx.cancelled);
  return 'stopped';
}, undefined, { signal: ac.signal });
setTimeout(() => ac.abort(), 50);
try {
  await spinning;
} catch (err) {
  console.log('cancelled:', err instanceof CancelledError);
}

await pool.close();
