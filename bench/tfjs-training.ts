/** What the TensorFlow.js training rows (the MLP, LeNet) share: the dense head and the SGD step through `minimize`. */
type Tf = typeof import('@tensorflow/tfjs-core');
type Tensor2D = import('@tensorflow/tfjs-core').Tensor2D;
type Scalar = import('@tensorflow/tfjs-core').Scalar;
type Variable = import('@tensorflow/tfjs-core').Variable;

/** Dense layers (ReLU between them) on `input`, then softmax cross-entropy over the logits against `labels`. */
export function denseCrossEntropy(core: Tf, input: Tensor2D, layers: readonly { w: Variable; b: Variable }[], labels: Tensor2D): Scalar {
  let h = input;
  layers.forEach(({ w, b }, i) => {
    const z = core.add(core.matMul(h, w as Tensor2D), b);
    h = (i + 1 < layers.length ? core.relu(z) : z) as Tensor2D;
  });
  return core.losses.softmaxCrossEntropy(labels, h) as Scalar;
}

/** One optimizer step per call on the next of `batches`, waiting for the loss as a training loop would. */
export function minimizeInTurn<Batch>(optimizer: import('@tensorflow/tfjs-core').Optimizer, batches: readonly Batch[], loss: (batch: Batch) => Scalar): () => void {
  let next = 0;
  return () => {
    const batch = batches[next];
    next = (next + 1) % batches.length;
    const cost = optimizer.minimize(() => loss(batch), true);
    cost?.dataSync();
    cost?.dispose();
  };
}
