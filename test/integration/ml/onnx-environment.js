// onnxruntime-node builds its output tensors from typed arrays of Node's own realm, and
// onnxruntime-common checks them with `instanceof Float32Array` in jest's sandbox realm, which
// fails. This environment gives the sandbox Node's typed-array constructors (tests of the ML
// activities only; workers run outside jest and never see the problem).
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = ['Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];

class OnnxEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxEnvironment;
