// One model = one file: a JSON part (labels, lexicons, settings) and the perceptrons' weights,
// gzipped. Layout: "SLNLP1", then for each part a uint32 length and the bytes; part 0 is the JSON.
import { gunzipSync, gzipSync } from 'node:zlib';
import { Perceptron } from './perceptron.ts';

const MAGIC = 'SLNLP1';

export function writeModel(meta: unknown, perceptrons: Perceptron[]): Buffer {
  const parts = [gzipSync(JSON.stringify(meta), { level: 9 }), ...perceptrons.map((p) => p.save())];
  const chunks: Buffer[] = [Buffer.from(MAGIC)];
  for (const p of parts) {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(p.length);
    chunks.push(len, p);
  }
  return Buffer.concat(chunks);
}

export function readModel<M>(data: Buffer, name: string): { meta: M; perceptrons: Perceptron[] } {
  if (data.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error(`${name}: not a Storyline model file (no ${MAGIC} header)`);
  const parts: Buffer[] = [];
  for (let at = MAGIC.length; at < data.length; ) {
    const len = data.readUInt32LE(at);
    parts.push(data.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  const [json, ...weights] = parts;
  return { meta: JSON.parse(gunzipSync(json!).toString('utf8')) as M, perceptrons: weights.map((w) => Perceptron.load(w)) };
}
