// `npm run bench -- workloads [tessera bench options…]`: the workloads benchmark, i.e.
// `tessera bench --native` (sequential TS, parallel TS per thread count and the C/OpenMP
// references, interleaved, median of --repeat runs). Options are passed through; add
// `--no-native` to skip the C references. Results are recorded in bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function main(args) {
  const cli = fileURLToPath(new URL('../dist/bundle/cli.js', import.meta.url));
  const rest = args.filter((a) => a !== '--no-native');
  const native = args.includes('--no-native') || rest.includes('--native') ? [] : ['--native'];
  const r = spawnSync(process.execPath, [cli, 'bench', ...native, ...rest], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}
