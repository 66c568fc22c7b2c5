import * as assert from 'node:assert/strict';
import { HeldOutFeed } from '../../../src/builder/held-out-feed';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import type { HeldOutResults } from '../../../src/shared/held-out-images';
import type { HeldOutState } from '../../../src/shared/webview-protocol';

const TENSOR = { shape: [2], dtype: 'float32' as const, values: [0.5, -0.5] };

function csvClassifier(bias = TENSOR): NnJsonModel {
  return {
    format: 'nnjson', version: 1, name: 'iris', input: { size: 4 },
    layers: [{ type: 'Linear', id: 'fc1', in: 4, out: 2 }, { type: 'SoftMax', id: 'softmax' }],
    loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam' },
    data: { source: 'data/iris.csv', target: 'species' },
    parameters: { fc1: { b: bias } },
  };
}

const RESULTS: HeldOutResults = { confusion: { classNames: ['a', 'b'], counts: [[1, 0], [0, 1]], split: 'validation' } };

/** A compute function whose answers the test releases one by one. */
function controlled() {
  const pending: ((result: HeldOutResults | { error: string }) => void)[] = [];
  const calls: NnJsonModel[] = [];
  return {
    calls,
    compute: (model: NnJsonModel) => new Promise<HeldOutResults | { error: string }>((resolve) => {
      calls.push(model);
      pending.push(resolve);
    }),
    answer: async (index: number, result: HeldOutResults | { error: string }) => {
      pending[index](result);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('held-out feed', () => {
  it('sends a placeholder, then the results, and sends them again to a reloaded webview', async () => {
    const worker = controlled();
    const sent: HeldOutState[] = [];
    const feed = new HeldOutFeed(worker.compute, (state) => sent.push(state));
    feed.modelChanged(csvClassifier());
    assert.deepEqual(sent, [{ status: 'computing' }]);
    await worker.answer(0, RESULTS);
    assert.deepEqual(sent[1], { status: 'ready', results: RESULTS });
    feed.resend();
    assert.deepEqual(sent[2], { status: 'ready', results: RESULTS });
  });

  it('computes again only when what the results depend on changes, and drops the answer for an older model', async () => {
    const worker = controlled();
    const sent: HeldOutState[] = [];
    const feed = new HeldOutFeed(worker.compute, (state) => sent.push(state));
    feed.modelChanged(csvClassifier());
    feed.modelChanged({ ...csvClassifier(), name: 'renamed', history: [{ epoch: 1, loss: 1, seconds: 0 }] });
    assert.equal(worker.calls.length, 1, 'a new name or history does not change the results');
    feed.modelChanged(csvClassifier({ ...TENSOR, values: [1, 1] }));
    assert.equal(worker.calls.length, 2, 'new parameters do');
    await worker.answer(1, { error: 'data/iris.csv: file not found' });
    await worker.answer(0, RESULTS);
    assert.deepEqual(sent, [{ status: 'computing' }, { status: 'computing' }, { status: 'failed', message: 'data/iris.csv: file not found' }]);
  });

  it('sends "none" for a model that is not a trained classifier on a file, and keeps the last state while the text is unreadable', async () => {
    const worker = controlled();
    const sent: HeldOutState[] = [];
    const feed = new HeldOutFeed(worker.compute, (state) => sent.push(state));
    feed.modelChanged(csvClassifier());
    await worker.answer(0, RESULTS);
    feed.modelChanged(undefined);
    assert.equal(sent.length, 2);
    const { parameters: _, ...untrained } = csvClassifier();
    feed.modelChanged(untrained);
    feed.modelChanged({ ...csvClassifier(), data: { source: 'builtin:xor' } });
    assert.deepEqual(sent.slice(2), [{ status: 'none' }]);
    assert.equal(worker.calls.length, 1);
    feed.dispose();
    feed.modelChanged(csvClassifier());
    feed.resend();
    assert.equal(sent.length, 3, 'nothing after the panel closed');
  });
});
