import * as assert from 'node:assert/strict';
import { columnSummaries, proposedTask } from '../../../src/data/csv-columns';
import { csvTableFromText } from '../../../src/data/csv-table';

describe('CSV columns for the New Model picker', () => {
  it('gives each column its kind, a sample of values and the number of distinct values', () => {
    const table = csvTableFromText('alcohol,colour,class\n14.23,red,1\n13.2,white,2\n14.23,red,1\n12.37,rose,3\n', 'wine.csv');
    assert.deepEqual(columnSummaries(table, 2), [
      { name: 'alcohol', kind: 'numeric', samples: ['14.23', '13.2'], distinct: 3 },
      { name: 'colour', kind: 'text', samples: ['red', 'white'], distinct: 3 },
      { name: 'class', kind: 'numeric', samples: ['1', '2'], distinct: 3 },
    ]);
  });

  it('proposes classification for text labels and a few whole numbers, regression otherwise', () => {
    assert.equal(proposedTask('text', ['setosa', 'versicolor']), 'classification');
    assert.equal(proposedTask('numeric', ['1', '2', '3']), 'classification');
    assert.equal(proposedTask('numeric', ['0.5', '1.5', '2']), 'regression', 'fractions are quantities');
    assert.equal(proposedTask('numeric', Array.from({ length: 21 }, (_, i) => String(i))), 'regression', 'too many distinct numbers');
    assert.equal(proposedTask('numeric', ['7']), 'regression', 'one value is no classification');
  });
});
