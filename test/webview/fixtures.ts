/** Model texts for the webview tests, in the layout the project's writer produces. */
export const XOR_MODEL = `{
  "format": "nnjson",
  "version": 1,
  "name": "XOR",
  "input": { "size": 2 },
  "layers": [
    { "type": "Linear", "id": "fc1", "in": 2, "out": 8 },
    { "type": "ReLU", "id": "relu1" },
    { "type": "Linear", "id": "fc2", "in": 8, "out": 2 },
    { "type": "SoftMax", "id": "softmax" }
  ],
  "loss": { "type": "CrossEntropy" },
  "optimizer": { "type": "Adam", "lr": 0.05 },
  "training": { "epochs": 20, "batchSize": 16, "shuffle": true, "validationSplit": 0.2, "seed": 42 },
  "data": { "source": "builtin:xor", "samples": 200, "noise": 0.1 }
}
`;

/** fc2 declares 4 inputs but fc1 gives 8. */
export const MISMATCH_MODEL = XOR_MODEL.replace('"in": 8, "out": 2', '"in": 4, "out": 2');

export const BROKEN_TEXT = XOR_MODEL.replace('"layers": [', '"layers": [[');
