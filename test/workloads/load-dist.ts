/**
 * Test support: imports the BUILT workload modules from dist/. Compiled tests live in
 * build/test/workloads/, so dist/ is three levels up at run time; the type argument is
 * written against the declaration file (`typeof import('../../dist/…')`, resolved from
 * the source location).
 */

/**
 * Imports `dist/<path>` relative to the compiled test file.
 * @param path module path below dist/, e.g. 'workloads/heat2d/sequential.js'
 */
export async function loadDist<T>(path: string): Promise<T> {
  return (await import(new URL(`../../../dist/${path}`, import.meta.url).href)) as T;
}
