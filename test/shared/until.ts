/** Waiting in a test for something to happen: the one polling loop of the webview, code-server and integration tests. */

/**
 * Reads every `everyMs` until `done` says the value is there, and gives it back; `what` names the wait in the
 * failure, which also shows the last value read.
 */
export async function until<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  what: string | (() => string),
  timeoutMs = 120_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()} (last: ${JSON.stringify(value)?.slice(0, 300)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
