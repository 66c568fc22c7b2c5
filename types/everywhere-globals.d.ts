/**
 * The few globals that code meant to run everywhere may use: Node and browsers both have them. tsconfig.core.json
 * checks that code with these and ES2022 alone, so a Node or DOM global there fails the lint.
 */
declare const performance: { now(): number };
declare function setTimeout(callback: () => void, milliseconds?: number): unknown;
declare function structuredClone<T>(value: T): T;
declare class TextEncoder {
  encode(text: string): Uint8Array;
}
declare class TextDecoder {
  decode(bytes: Uint8Array): string;
}
