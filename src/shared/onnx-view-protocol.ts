/** The messages between the host and the ONNX viewer's webview (src/extension/onnx-viewer-provider.ts, webview/onnx-view/). */
import type { OnnxInspection } from '../import/onnx/inspection';

export type ToOnnxView =
  | { readonly type: 'inspection'; readonly fileName: string; readonly inspection: OnnxInspection }
  | { readonly type: 'unreadable'; readonly fileName: string; readonly message: string }
  | { readonly type: 'converted'; readonly target: string }
  | { readonly type: 'conversionFailed'; readonly message: string };

export type FromOnnxView = { readonly type: 'ready' } | { readonly type: 'convert' };
