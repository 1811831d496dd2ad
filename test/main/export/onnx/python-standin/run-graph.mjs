// The stand-in onnxruntime's engine: one request on stdin ({ model, feeds }), the outputs as JSON on stdout (NaN as null).
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';

const request = JSON.parse(readFileSync(0, 'utf8'));
const TYPES = { 'tensor(float)': Float32Array, 'tensor(double)': Float64Array };
const feeds = Object.fromEntries(
  Object.entries(request.feeds).map(([name, { type, dims, data }]) => [
    name,
    type === 'tensor(string)' ? new ort.Tensor('string', data, dims) : new ort.Tensor(type === 'tensor(float)' ? 'float32' : 'float64', TYPES[type].from(data, (v) => v ?? NaN), dims),
  ]),
);
const session = await ort.InferenceSession.create(readFileSync(request.model));
const outputs = await session.run(feeds);
const plain = (v) => (typeof v === 'number' && Number.isNaN(v) ? null : v);
process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, { dims: t.dims, data: Array.from(t.data, plain) }]))));
