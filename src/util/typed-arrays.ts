// Typed arrays that grow: the tables by id that dedupe and clustering keep in memory.

/** A copy of a typed array at a larger length, `fill` after its values. */
export function resized<A extends Uint8Array | Int32Array | Uint32Array | Float64Array>(a: A, length: number, fill = 0): A {
  const out = new (a.constructor as new (length: number) => A)(length);
  if (fill !== 0) out.fill(fill); // NaN too
  out.set(a);
  return out;
}

/** A copy of an array by id with room for id `at` (and some to spare: a power of two), for the
 * tables that follow the vocabulary as it grows. */
export function grown<A extends Uint8Array | Int32Array | Float64Array>(a: A, at: number, fill = 0): A {
  return resized(a, 2 ** Math.ceil(Math.log2(at + 1024)), fill);
}
