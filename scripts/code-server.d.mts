// Types for scripts/code-server.mjs, so test/webview/code-server.ts can use it type-checked.
import type { ChildProcess } from 'node:child_process';

export declare const CODE_SERVER_VERSION: string;
export declare const QUIET_SETTINGS: Readonly<Record<string, unknown>>;
export declare const TEST_SETTINGS: Readonly<Record<string, unknown>>;

export interface CodeServerOptions {
  port: number;
  userDataDir: string;
  extensionsDir: string;
  folder: string;
  trustWorkspace?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  detached?: boolean;
  onOutput?: (text: string) => void;
}

export interface CodeServer {
  readonly process: ChildProcess;
  readonly port: number;
  readonly detached: boolean;
  readonly origin: string;
  readonly exited: Promise<number | null>;
  outputTail(lines?: number): string;
}

export declare function codeServerEntry(): string;
export declare function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void;
export declare function freePort(): Promise<number>;
export declare function freePort(wanted: number): Promise<number | undefined>;
export declare function startCodeServer(options: CodeServerOptions): CodeServer;
export declare function waitUntilAnswering(server: CodeServer, timeoutMs?: number): Promise<void>;
export declare function stopCodeServer(server: CodeServer): void;
