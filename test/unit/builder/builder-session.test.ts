import * as assert from 'node:assert/strict';
import { BuilderSession, type BuilderHost } from '../../../src/builder/builder-session';
import type { TextEdit } from '../../../src/builder/intent-edits';
import { applyTextEdits } from '../../../src/model/edit';
import type { DataFacts, DataFactsState } from '../../../src/shared/data-facts';
import type { DataSpec } from '../../../src/shared/nnjson';
import type { TrainingEvent } from '../../../src/shared/training-events';
import type { DataImagePreview, DataImagePreviewRequest, DocumentState, ImageSources, ToWebview } from '../../../src/shared/webview-protocol';

const MODEL = `{
  "format": "nnjson",
  "version": 1,
  "input": { "size": 2 },
  "layers": [
    { "type": "Linear", "id": "fc1", "in": 2, "out": 1 }
  ],
  "loss": { "type": "MSE" },
  "optimizer": { "type": "SGD" }
}
`;

const IRIS_FACTS: DataFacts = {
  source: 'data/iris.csv', label: 'iris.csv', kind: 'csv', task: 'classification', rows: 150,
  inputColumns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
  featureColumns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
  oneHotColumns: [], targetColumns: ['species'], classNames: ['setosa', 'versicolor', 'virginica'],
};

class FakeHost implements BuilderHost {
  sent: ToWebview[] = [];
  version = 1;
  trains = 0;
  refuse = false;
  /** Before the next applyEdits, someone else changes the document (an undo, a keystroke): VS Code refuses that edit. */
  changeUnderneath?: (text: string) => string;
  running: TrainingEvent[] = [];
  /** Bundled training progress waits here until the test calls flushProgress(). */
  scheduled: (() => void)[] = [];
  session = new BuilderSession(this, 'm.nnjson', (flush) => { this.scheduled.push(flush); });
  dropped = 0;
  seen = 0;
  constructor(public text: string) {}
  post(message: ToWebview): void { this.sent.push(message); }
  layerDropped(): void { this.dropped += 1; }
  insightSeen(): void { this.seen += 1; }
  current() { return { text: this.text, version: this.version }; }
  async applyEdits(edits: TextEdit[]): Promise<boolean> {
    if (this.refuse) return false;
    if (this.changeUnderneath) {
      this.text = this.changeUnderneath(this.text);
      this.changeUnderneath = undefined;
      this.version += 1;
      return false;
    }
    this.text = applyTextEdits(this.text, edits);
    this.version += 1;
    this.session.documentChanged();
    return true;
  }
  columns = ['a'];
  async readCsvPreview(path: string) { return { path, columns: this.columns, rows: [this.columns.map(() => '1')] }; }
  async listCsvFiles() { return ['data/a.csv']; }
  async readDataImagePreview(request: DataImagePreviewRequest): Promise<DataImagePreview> { return { request, status: 'failed', message: 'no images here' }; }
  async listImageSources(): Promise<ImageSources> { return { folders: [], idxFiles: [] }; }
  facts: DataFactsState = { status: 'none' };
  factsRequests: (DataSpec | undefined)[] = [];
  /** The input shape each request read a folder of images at. */
  factsShapes: (readonly number[] | undefined)[] = [];
  async dataFacts(data: DataSpec | undefined, _task: unknown, inputShape?: readonly number[]): Promise<DataFactsState> {
    this.factsRequests.push(data);
    this.factsShapes.push(inputShape);
    return this.facts;
  }
  chosenData?: DataSpec;
  async chooseTrainingData(): Promise<DataSpec | undefined> { return this.chosenData; }
  train(): void { this.trains += 1; }
  stop(): void {}
  evaluations = 0;
  predictions = 0;
  exports = 0;
  states: DocumentState[] = [];
  evaluateModel(): void { this.evaluations += 1; }
  predictOnData(): void { this.predictions += 1; }
  exportModel(): void { this.exports += 1; }
  stateChanged(state: DocumentState): void { this.states.push(state); }
  openAsText(): void {}
  trainingEvents(): TrainingEvent[] { return this.running; }
  types(): string[] { return this.sent.map((message) => message.type); }
  flushProgress(): void { for (const flush of this.scheduled.splice(0)) flush(); }
}

const batch = (epoch: number, index: number): TrainingEvent => ({ type: 'batch', progress: { epoch, batch: index, batchesPerEpoch: 2, loss: 0.5 } });
const epoch = (n: number): TrainingEvent => ({ type: 'epochs', summaries: [{ epoch: n, loss: 0.5, seconds: 0.01 }] });

describe('builder session', () => {
  it('holds messages until the webview is ready, then sends the document first', async () => {
    const host = new FakeHost(MODEL);
    host.session.documentChanged();
    host.session.notify({ type: 'settings', chartRefreshRate: 5 });
    assert.equal(host.sent.length, 0);
    await host.session.receive({ type: 'ready' });
    assert.deepEqual(host.types(), ['document', 'settings', 'dataFacts']);
    const first = host.sent[0];
    assert.ok(first.type === 'document' && first.state.model?.layers.length === 1 && first.state.shapes?.totalParameters === 3);
  });

  it('replays a run in progress after ready, and sends the document again on a reload', async () => {
    const host = new FakeHost(MODEL);
    host.running = [{ type: 'batch', progress: { epoch: 1, batch: 1, batchesPerEpoch: 2, loss: 0.5 } }];
    await host.session.receive({ type: 'ready' });
    await host.session.receive({ type: 'ready' });
    assert.deepEqual(host.types(), ['document', 'trainingReplay', 'dataFacts', 'document', 'trainingReplay', 'dataFacts']);
  });

  it('bundles training progress into one message per interval, and sends start and finish at once', async () => {
    const host = new FakeHost(MODEL);
    await host.session.receive({ type: 'ready' });
    host.sent = [];
    const started: TrainingEvent = { type: 'started', info: { epochs: 3, batchSize: 2, startEpoch: 0, task: 'regression', trainRows: 4, validationRows: 0 } };
    host.session.trainingEvent(started);
    assert.deepEqual(host.sent, [{ type: 'training', event: started }]);
    const progress = [batch(1, 1), batch(1, 2), epoch(1), batch(2, 1), batch(2, 2), epoch(2)];
    for (const event of progress) host.session.trainingEvent(event);
    assert.equal(host.sent.length, 1, 'progress waits for the interval');
    assert.equal(host.scheduled.length, 1, 'one flush is scheduled for the whole burst');
    host.flushProgress();
    assert.deepEqual(host.sent[1], { type: 'trainingReplay', events: progress });

    const finished: TrainingEvent = { type: 'finished', outcome: { status: 'stopped', epoch: 3, batch: 1 }, written: 'model' };
    host.session.trainingEvent(batch(3, 1));
    host.session.trainingEvent(finished);
    assert.deepEqual(host.sent.slice(2), [{ type: 'trainingReplay', events: [batch(3, 1), finished] }], 'the finish carries what was waiting, in order');
    host.flushProgress();
    assert.equal(host.sent.length, 3, 'nothing is sent twice');

    host.session.trainingEvent(epoch(4));
    host.session.dispose();
    host.flushProgress();
    assert.equal(host.sent.length, 3, 'nothing is posted to a closed panel');
  });

  it('turns an intent into an edit and pushes the new state once, never echoing an unchanged text', async () => {
    const host = new FakeHost(MODEL);
    await host.session.receive({ type: 'ready' });
    await host.session.receive({ type: 'insertLayer', layerType: 'ReLU', place: { at: 'end' } });
    assert.match(host.text, /"id": "relu1"/);
    host.session.documentChanged();
    await host.session.whenIdle();
    assert.deepEqual(host.types(), ['document', 'dataFacts', 'document'], 'the data facts did not change, so they are not sent again');
  });

  it('tells the host of a layer inserted by a drop from the palette (not by a click, nor when refused), and of insight seen', async () => {
    const host = new FakeHost(MODEL);
    await host.session.receive({ type: 'ready' });
    await host.session.receive({ type: 'insertLayer', layerType: 'ReLU', place: { at: 'end' } });
    assert.equal(host.dropped, 0, 'a click on a palette entry is not a drag');
    host.refuse = true;
    await host.session.receive({ type: 'insertLayer', layerType: 'Tanh', place: { at: 'end' }, via: 'drag' });
    assert.equal(host.dropped, 0, 'an edit VS Code refused inserted nothing');
    host.refuse = false;
    await host.session.receive({ type: 'insertLayer', layerType: 'Tanh', place: { at: 'end' }, via: 'drag' });
    assert.match(host.text, /"type": "Tanh"/);
    assert.equal(host.dropped, 1);
    await host.session.receive({ type: 'insightSeen' });
    assert.equal(host.seen, 1);
  });

  it('recomputes an intent on the newer text when the editor refused it because the document changed meanwhile', async () => {
    const host = new FakeHost(MODEL);
    await host.session.receive({ type: 'ready' });
    host.changeUnderneath = (text) => text.replace('"optimizer": { "type": "SGD" }', '"optimizer": { "type": "Adam" }');
    await host.session.receive({ type: 'insertLayer', layerType: 'ReLU', place: { after: 'fc1' } });
    assert.match(host.text, /"type": "Adam"/, 'the change made meanwhile is kept');
    assert.match(host.text, /"id": "relu1"/, 'the intent still applied');
    assert.equal(host.sent.filter((message) => message.type === 'error').length, 0);
  });

  it('leaves out the history and parameters the webview already has, and sends them again when they change', async () => {
    const trained = MODEL.replace('"optimizer": { "type": "SGD" }', `"optimizer": { "type": "SGD" },
  "history": [{ "epoch": 1, "loss": 0.5, "seconds": 0.1 }],
  "parameters": { "fc1": { "W": { "shape": [2, 1], "dtype": "float32", "values": [1, 2] }, "b": { "shape": [1], "dtype": "float32", "values": [0] } } }`);
    const host = new FakeHost(trained);
    await host.session.receive({ type: 'ready' });
    const states = () => host.sent.flatMap((message) => (message.type === 'document' ? [message.state] : []));
    assert.equal(states()[0].reused, undefined, 'the first state is whole');
    assert.deepEqual(states()[0].model?.history, [{ epoch: 1, loss: 0.5, seconds: 0.1 }]);
    await host.session.receive({ type: 'setValue', path: ['loss', 'type'], value: 'CrossEntropy' });
    assert.deepEqual(states()[1].reused, ['history', 'parameters']);
    assert.equal(states()[1].model?.history, undefined);
    assert.equal(states()[1].model?.parameters, undefined);
    assert.equal(states()[1].model?.loss.type, 'CrossEntropy');
    host.text = host.text.replace('"values": [1, 2]', '"values": [1, 3]');
    host.version += 1;
    host.session.documentChanged();
    assert.deepEqual(states()[2].reused, ['history']);
    assert.deepEqual(states()[2].model?.parameters?.fc1.W.values, [1, 3]);
    // a reloaded webview has nothing: everything again
    await host.session.receive({ type: 'ready' });
    assert.equal(states()[3].reused, undefined);
    assert.ok(states()[3].model?.parameters && states()[3].model?.history);
  });

  it('follows an edit that drops trained weights with a note naming the layer and the document version', async () => {
    const trained = MODEL.replace('\n}\n', ',\n  "parameters": { "fc1": { "W": { "shape": [2, 1], "dtype": "float32", "values": [1, 2] }, "b": { "shape": [1], "dtype": "float32", "values": [0] } } }\n}\n');
    const host = new FakeHost(trained);
    await host.session.receive({ type: 'ready' });
    // the data facts follow each document on their own time: not what this test is about
    const edits = () => host.sent.filter((message) => message.type !== 'dataFacts');
    await host.session.receive({ type: 'setLayerValue', id: 'fc1', key: 'out', value: 3 });
    assert.deepEqual(edits().map((message) => message.type), ['document', 'document', 'note']);
    assert.deepEqual(edits()[2], { type: 'note', message: 'fc1 starts from fresh weights: its shape changed from [2, 1] to [2, 3].', version: 2 });
    assert.ok(!host.text.includes('"parameters"'));
    // an edit that drops nothing says nothing more
    await host.session.receive({ type: 'setValue', path: ['training'], value: { epochs: 2 } });
    assert.deepEqual(edits().map((message) => message.type), ['document', 'document', 'note', 'document']);
  });

  it('never edits a text that is not a model, and says why', async () => {
    const broken = MODEL.replace('"layers": [', '"layers": [[');
    const host = new FakeHost(broken);
    await host.session.receive({ type: 'ready' });
    await host.session.receive({ type: 'setValue', path: ['loss', 'type'], value: 'CrossEntropy' });
    assert.equal(host.text, broken);
    const last = host.sent[host.sent.length - 1];
    assert.equal(last.type, 'error');
    assert.match(last.type === 'error' ? last.message : '', /cannot be read as a model/);
  });

  it('reports an edit the editor refused, and answers CSV requests', async () => {
    const host = new FakeHost(MODEL);
    host.refuse = true;
    await host.session.receive({ type: 'ready' });
    await host.session.receive({ type: 'removeLayer', id: 'fc1' });
    assert.equal(host.sent[host.sent.length - 1].type, 'error');
    await host.session.receive({ type: 'requestCsvFiles' });
    await host.session.receive({ type: 'requestCsvPreview', path: 'data/a.csv' });
    assert.deepEqual(host.sent.slice(-2), [
      { type: 'csvFiles', files: ['data/a.csv'] },
      { type: 'csvPreview', preview: { path: 'data/a.csv', columns: ['a'], rows: [['1']] } },
    ]);
    await host.session.receive({ type: 'train' });
    assert.equal(host.trains, 0, 'a model without data trains only once the user chose data (here they cancelled)');
  });

  it('writes chosen data and the input width it gives as one edit, and applies a data-fit fix', async () => {
    const host = new FakeHost(MODEL);
    await host.session.receive({ type: 'ready' });
    host.facts = { status: 'ready', facts: { ...IRIS_FACTS } };
    host.columns = [...IRIS_FACTS.featureColumns, 'species'];
    const editsBefore = host.version;
    await host.session.receive({ type: 'setData', data: { source: 'data/iris.csv', target: 'species' } });
    assert.equal(host.version, editsBefore + 1, 'one edit');
    assert.match(host.text, /"input": \{ "size": 4 \}/);
    assert.match(host.text, /"id": "fc1", "in": 4, "out": 1/, 'the first Linear stated the old size and follows');
    assert.match(host.text, /"data": \{ "source": "data\/iris.csv", "target": "species" \}/);
    await new Promise((resolve) => setImmediate(resolve));
    const facts = host.sent.filter((message) => message.type === 'dataFacts').pop();
    assert.ok(facts?.type === 'dataFacts' && facts.version === host.version);
    assert.deepEqual(facts.problems.map((problem) => problem.code), ['data-output-width'], 'the output (1 wide) does not fit 3 classes');

    await host.session.receive({ type: 'applyDataFix', code: 'data-output-width' });
    assert.match(host.text, /"id": "fc1", "in": 4, "out": 3/);
    await host.session.receive({ type: 'applyDataFix', code: 'data-output-width' });
    assert.equal(host.version, editsBefore + 2, 'a fix that is no longer needed changes nothing');

    host.columns = ['x', 'y', 'label'];
    await host.session.receive({ type: 'setData', data: { source: 'data/other.csv', target: 'species', normalize: 'minmax' } });
    assert.match(host.text, /"data": \{ "source": "data\/other.csv", "normalize": "minmax" \}/, 'another file without that column: the target is left out');
  });

  it('asks for data when Train is pressed on a model without any, writes it, then trains', async () => {
    const host = new FakeHost(MODEL);
    await host.session.receive({ type: 'ready' });
    host.chosenData = { source: 'data/iris.csv', target: 'species' };
    host.columns = [...IRIS_FACTS.featureColumns, 'species'];
    host.facts = { status: 'ready', facts: { ...IRIS_FACTS } };
    await host.session.receive({ type: 'train' });
    assert.equal(host.trains, 1);
    assert.deepEqual(host.factsRequests.pop(), host.chosenData);
    assert.match(host.text, /"input": \{ "size": 4 \}/);
    assert.match(host.text, /"target": "species"/);
  });

  it('reads the data facts of the model at its input.shape, as training reads a folder of images, and new data at its own size', async () => {
    const cnn = MODEL.replace(/"input": \{[^}]*\}/, '"input": { "shape": [1, 8, 8] }').replace('\n}\n', ',\n  "data": { "source": "pictures" }\n}\n');
    assert.match(cnn, /"shape": \[1, 8, 8\][\s\S]*"source": "pictures"/);
    const host = new FakeHost(cnn);
    await host.session.receive({ type: 'ready' });
    assert.deepEqual([host.factsRequests.pop(), host.factsShapes.pop()], [{ source: 'pictures' }, [1, 8, 8]]);
    host.factsRequests = [];
    host.factsShapes = [];
    await host.session.receive({ type: 'setData', data: { source: 'other-pictures' } });
    const requests = host.factsRequests.map((data, index) => [data?.source, host.factsShapes[index]]);
    assert.deepEqual(requests[0], ['other-pictures', undefined], 'chosen data is read as it is, to set input.shape from it');
  });

  it('runs Evaluate, Predict and Export for the document when the webview asks, and tells the host each new state', async () => {
    const host = new FakeHost(MODEL);
    await host.session.receive({ type: 'ready' });
    await host.session.receive({ type: 'evaluate' });
    await host.session.receive({ type: 'predict' });
    await host.session.receive({ type: 'predict' });
    await host.session.receive({ type: 'exportModel' });
    assert.deepEqual([host.evaluations, host.predictions, host.exports], [1, 2, 1]);
    assert.equal(host.states.length, 1, 'the state of the document as the webview got it');
    await host.session.receive({ type: 'removeLayer', id: 'fc1' });
    assert.equal(host.states.length, 2);
    assert.deepEqual(host.states[1].model?.layers, [], 'the new state after the edit');
  });
});

