/** The typed link to the extension host. `acquireVsCodeApi` may be called once per page. */
import type { FromWebview, ToWebview } from '../src/shared/webview-protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The link of a page that sends `Out` and receives `In` (the builder's messages by default). */
export interface HostLink<Out = FromWebview, In = ToWebview> {
  post(message: Out): void;
  onMessage(handler: (message: In) => void): void;
  /** Webview-local UI state (selection, chart scale) that survives the panel being hidden. */
  getUiState<T>(): T | undefined;
  setUiState<T>(state: T): void;
}

export function connectToHost<Out = FromWebview, In = ToWebview>(): HostLink<Out, In> {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) => {
      window.addEventListener('message', (event: MessageEvent<In>) => {
        if (event.data && typeof event.data === 'object' && 'type' in event.data) handler(event.data);
      });
    },
    getUiState: <T>() => (api.getState() ?? undefined) as T | undefined,
    setUiState: (state) => api.setState(state),
  };
}
