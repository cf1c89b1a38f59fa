// Response bodies: decompressed as they stream and counted AFTER decompression, so a small gzip
// bomb cannot grow past the cap; reading stops (and the connection is dropped) the moment it
// would. Memory is bounded by the cap plus one chunk.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, createZstdDecompress } from 'node:zlib';
import type { Transform } from 'node:stream';

export class TooLargeError extends Error {}
export class DecodingError extends Error {}

function decoderFor(encoding: string, firstByte: number | undefined): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: a zlib stream
      // starts with 0x?8 where ? is the window size (0x78 in practice).
      return firstByte !== undefined && (firstByte & 0x0f) === 8 ? createInflate() : createInflateRaw();
    case 'br':
      return createBrotliDecompress();
    case 'zstd':
      return createZstdDecompress();
    case 'identity':
    case '':
      return null;
    default:
      throw new DecodingError(`unsupported Content-Encoding "${encoding}"`);
  }
}

function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Reads a body through its Content-Encoding(s), refusing to hold more than `maxBytes` of the
 * decoded result. */
export async function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity')
    .reverse(); // applied in the order listed, so undone from the last
  const it = body[Symbol.asyncIterator]();
  const first = await it.next();
  const head: Buffer | undefined = first.done ? undefined : (first.value as Buffer);
  const source = Readable.from(
    (async function* () {
      if (head) yield head;
      for (;;) {
        const n = await it.next();
        if (n.done) return;
        yield n.value as Buffer;
      }
    })(),
    { objectMode: false },
  );
  let decoders: Transform[];
  try {
    decoders = encodings.map((e, i) => decoderFor(e, i === 0 ? head?.[0] : undefined)).filter((d): d is Transform => d !== null);
  } catch (e) {
    discard(body);
    throw e;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > maxBytes) done(new TooLargeError(`body larger than ${maxBytes} bytes${decoders.length ? ' once decompressed' : ''}`));
      else {
        chunks.push(chunk);
        done();
      }
    },
  });
  try {
    await pipeline([source, ...decoders, sink], { signal });
  } catch (e) {
    discard(body);
    if (e instanceof TooLargeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw new DecodingError(`cannot decompress the ${encodings.join('+')} body: ${(e as Error).message}`);
    throw e;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}
