// Statements take bounded lists: `in (…)` lists and multi-row inserts are cut into parts so no
// statement exceeds the driver's variable limit or grows without bound.
export function* parts<T>(items: T[], size = 500): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
