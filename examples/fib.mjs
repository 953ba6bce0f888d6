// Task module: recursive Fibonacci with fork–join. `join` offers the second
// half to idle workers; the first runs here.
import { call, join } from 'tessera';

function fibSeq(n) {
  return n < 2 ? n : fibSeq(n - 1) + fibSeq(n - 2);
}

export function fib(n) {
  if (n < 22) return fibSeq(n);
  const [a, b] = join(call(fib, n - 1), call(fib, n - 2));
  return a + b;
}
