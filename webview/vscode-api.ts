/** The typed link to the extension host. `acquireVsCodeApi` may be called once per page. */
import type { FromWebview, ToWebview } from '../src/shared/webview-protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostLink {
  post(message: FromWebview): void;
  onMessage(handler: (message: ToWebview) => void): void;
  /** Webview-local UI state (selection, chart scale) that survives the panel being hidden. */
  getUiState<T>(): T | undefined;
  setUiState<T>(state: T): void;
}

export function connectToHost(): HostLink {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) => {
      window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
        if (event.data && typeof event.data === 'object' && 'type' in event.data) handler(event.data);
      });
    },
    getUiState: <T>() => (api.getState() ?? undefined) as T | undefined,
    setUiState: (state) => api.setState(state),
  };
}
