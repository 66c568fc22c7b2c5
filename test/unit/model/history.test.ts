import * as assert from 'node:assert/strict';
import { compactHistory, epochsTrained } from '../../../src/model/history';
import type { EpochRecord } from '../../../src/shared/nnjson';

function records(from: number, to: number): EpochRecord[] {
  const list: EpochRecord[] = [];
  for (let epoch = from; epoch <= to; epoch++) list.push({ epoch, loss: 1 / epoch, seconds: 0.01 });
  return list;
}

describe('the history the file keeps', () => {
  it('keeps a short history whole, and every epoch with limit 0', () => {
    assert.deepEqual(compactHistory(records(1, 10), 10), records(1, 10));
    assert.deepEqual(compactHistory(records(1, 5000), 0).length, 5000);
  });

  it('keeps the newest half of the limit in full and spreads the rest evenly over the older epochs, from epoch 1', () => {
    const kept = compactHistory(records(1, 20_000), 1000);
    assert.equal(kept.length, 1000);
    assert.deepEqual(kept.slice(500), records(19_501, 20_000), 'the recent 500 epochs as they were');
    const older = kept.slice(0, 500).map((record) => record.epoch);
    assert.equal(older[0], 1);
    assert.equal(older[499], 19_500);
    const gaps = older.slice(1).map((epoch, i) => epoch - older[i]);
    assert.ok(Math.min(...gaps) >= 38 && Math.max(...gaps) <= 40, `even spacing (gaps ${Math.min(...gaps)} to ${Math.max(...gaps)})`);
  });

  it('stays even when a thinned history is trained further and thinned again', () => {
    let history = compactHistory(records(1, 5000), 100);
    history = compactHistory([...history, ...records(5001, 10_000)], 100);
    assert.equal(history.length, 100);
    const older = history.slice(0, 50).map((record) => record.epoch);
    assert.equal(older[0], 1);
    const gaps = older.slice(1).map((epoch, i) => epoch - older[i]);
    assert.ok(gaps.every((gap) => gap > 0), 'epochs strictly increase');
    assert.ok(Math.max(...gaps) < 3 * (9950 / 49), `no big hole (largest gap ${Math.max(...gaps)})`);
    assert.equal(epochsTrained(history), 10_000);
  });

  it('counts the epochs trained from the last record, not the number of records', () => {
    assert.equal(epochsTrained(undefined), 0);
    assert.equal(epochsTrained([]), 0);
    assert.equal(epochsTrained(compactHistory(records(1, 300), 10)), 300);
  });
});
