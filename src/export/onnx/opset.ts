/**
 * The ONNX versions the export writes. Opset 20 is the first with Gelu (its tanh approximation is GELU's one node);
 * IR version 9 is the one that opset came with (ONNX 1.15), read by onnxruntime 1.16 and later. Browser-safe.
 */
export const ONNX_OPSET = 20;
export const ONNX_IR_VERSION = 9;
