import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, renderBuilderHtml } from '../../../src/builder/webview-html';

describe('builder page HTML', () => {
  const html = renderBuilderHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css',
    title: 'NN Builder: a "quoted" <name>',
  });

  it('allows only nonce scripts and the extension\'s own styles, fonts and images', () => {
    const csp = contentSecurityPolicy('https://x.example', 'N');
    assert.equal(csp, "default-src 'none'; script-src 'nonce-N'; style-src https://x.example; font-src https://x.example; img-src https://x.example data:");
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('puts the policy in a meta tag and the nonce on the only script', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-abc123';/);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="abc123" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js">']);
  });

  it('has no inline handlers or inline styles, and escapes the title', () => {
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /style=|<style/);
    assert.match(html, /<title>NN Builder: a &quot;quoted&quot; &lt;name&gt;<\/title>/);
  });

  it('makes a fresh 32-character alphanumeric nonce each time', () => {
    const a = createNonce();
    const b = createNonce();
    assert.match(a, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(a, b);
  });
});
