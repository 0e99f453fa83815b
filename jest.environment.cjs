// The node test environment, sharing the host's typed arrays with the test context.
// onnxruntime-node (the local embedding model) returns tensors built in Node's own realm, and
// onnxruntime-common checks them with `instanceof Float32Array`; in jest's separate context
// that check fails ("A float32 tensor's data must be type of function Float32Array()"), so
// real vectors could not be computed inside a test.
const { TestEnvironment } = require('jest-environment-node');

const shared = [
  'ArrayBuffer',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

module.exports = class KnowhowTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of shared) this.global[name] = globalThis[name];
  }
};
