// Worker file for the piscina peer of `npm run bench -- tasks`: the same kernels,
// one argument object per task (piscina passes a single argument), chosen by `name`.
import * as k from './kernels.mjs';

export default (x) => x;
export const mix = ({ a, b }) => k.mix(a, b);
export const seed = (i) => k.seed(i);
export const vector = ({ i, n }) => k.vector(i, n);
export const combine = ({ a, b }) => k.combine(a, b);
export const checksum = (v) => k.checksum(v);
export const parse = (x) => k.parse(x);
export const enrich = (r) => k.enrich(r);
export const format = (r) => k.format(r);
