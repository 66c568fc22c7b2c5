/**
 * The exported model as one readable PyTorch script: a docstring that says how to run it, the model's settings as
 * Python constants, the network from each layer's PyTorch form (src/registry/layers/), the loss and the optimizer
 * from theirs (src/registry/losses.ts, optimizers.ts), the learning-rate schedule from training-controls.ts, the
 * reading of a folder of images when that is the data (python-image-folder.ts), then the part every script shares
 * (python-runtime.ts). Browser-safe.
 */
import { epochsTrained } from '../../model/history';
import { formatShape } from '../../model/shapes';
import { lossDescriptor } from '../../registry/losses';
import { optimizerDescriptor, WEIGHT_DECAY_SETTINGS } from '../../registry/optimizers';
import { withDefaults } from '../../registry/settings';
import { EARLY_STOPPING_SETTINGS, lrScheduleDescriptor } from '../../registry/training-controls';
import { TRAINING_DEFAULTS, type NnJsonModel } from '../../shared/nnjson';
import type { ExportedModel } from '../exported-layers';
import { pythonLiteral, pythonString, type PythonData } from './python-literal';
import { PYTHON_IMAGE_FOLDER } from './python-image-folder';
import { PYTHON_IMPORTS, PYTHON_RUNTIME, RULE_OPTIMIZER_PYTHON } from './python-runtime';

/** Where the script reads its data: the model's CSV, IDX files or folder of images, or the CSV the export wrote beside it. */
export interface ScriptData {
  readonly kind: 'csv' | 'idx' | 'images';
  /** Relative to the script's folder, with `/`. */
  readonly source: string;
  readonly labels?: string;
  /** The CSV columns read as features, in order; text ones are one-hot encoded with `categories`. */
  readonly features: readonly string[];
  readonly categories: Readonly<Record<string, readonly string[]>>;
  readonly targets: readonly string[];
  /** A folder of images: the [C, H, W] each picture is converted to (input.shape), or null: the first picture's own. */
  readonly shape?: readonly number[] | null;
}

export interface ScriptFacts {
  readonly model: NnJsonModel;
  readonly exported: ExportedModel;
  /** The model file's name, for the docstring. */
  readonly modelFile: string;
  /** The script's file name without `.py`: the weights are `<name>.safetensors`. */
  readonly name: string;
  readonly classes: readonly string[];
  readonly data: ScriptData | undefined;
}

/** A CrossEntropy model ending in SoftMax trains on the logits coming into it, as the engine's fused gradient does. */
export function fusesSoftmax(model: NnJsonModel): boolean {
  return lossDescriptor(model.loss.type).pytorch.logits !== undefined && model.layers[model.layers.length - 1]?.type === 'SoftMax';
}

const indent = (text: string, spaces: number): string => text.split('\n').map((line) => (line === '' ? line : ' '.repeat(spaces) + line)).join('\n');

const readsImages = (data: ScriptData | undefined): boolean => data?.kind === 'images';

function docstring({ model, modelFile, name, data }: ScriptFacts): string {
  const title = model.name ?? name;
  const images = readsImages(data);
  return `"""${title}${model.description ? `: ${model.description}` : ''}

Exported from NN Builder (${modelFile}) as a standalone PyTorch script; its weights are ${name}.safetensors beside it.
${images ? `It needs torch, and Pillow (pip install pillow) to decode the images of ${data!.source}.` : 'It needs torch only.'}

    python ${name}.py train [--epochs N]
        continues training, then saves the weights;
    python ${name}.py train --write-nnjson ${modelFile}
        also writes the trained weights and this run's history back into the model, which NN Builder then shows;
    python ${name}.py predict ${images ? 'FOLDER' : 'DATA'} [--out FILE]
        writes the predictions for ${images ? 'a folder of images (a subfolder of them for each class)' : 'a data file'} as CSV;
    torchrun --nproc_per_node=N ${name}.py train
        trains on N processes.

The data is read and scaled as NN Builder does (data.fitted), the same rows are held out for validation and shuffled
each epoch, and the loss and the optimizer step as NN Builder's do, so a run here continues the run there.
Under torchrun each of the N processes (gloo on CPU, nccl with GPUs) takes batchSize / N rows of every batch, every
N-th row as DistributedSampler deals them, and DistributedDataParallel averages their gradients: each step is the step
of one process on the whole batch of training.batchSize rows. BatchNorm's batch statistics are each process's own.
"""`;
}

function settingsPython(facts: ScriptFacts): string {
  const { model, exported, classes, data, name } = facts;
  const fitted = model.data?.fitted;
  const width = exported.inputShape.reduce((product, size) => product * size, 1);
  const training = { ...TRAINING_DEFAULTS, ...model.training };
  const schedule = training.lrSchedule && { type: training.lrSchedule.type, ...withDefaults(lrScheduleDescriptor(training.lrSchedule.type).settings, training.lrSchedule) };
  const tensors = Object.fromEntries(exported.layers.flatMap(({ layer, descriptor, settings, tensors: stored }) => {
    const form = descriptor.pytorch!(settings).tensors ?? {};
    const entries = [...stored.keys()].map((tensor) => [tensor, [form[tensor].key, form[tensor].transposed === true]]);
    return entries.length === 0 ? [] : [[layer.id, Object.fromEntries(entries)]];
  })) as PythonData;
  const constant = (key: string, value: PythonData, comment?: string): string => `${key} = ${pythonLiteral(value)}${comment ? `  # ${comment}` : ''}`;
  return [
    'HERE = Path(__file__).resolve().parent',
    `WEIGHTS_FILE = HERE / ${pythonString(`${name}.safetensors`)}`,
    '',
    '# The model\'s settings, as its .nnjson states them',
    constant('TASK', exported.task),
    `INPUT_SHAPE = (${exported.inputShape.join(', ')},)  # one sample: ${formatShape(exported.inputShape)}`,
    constant('CLASSES', exported.task === 'classification' ? classes : null),
    constant('DATA', data === undefined ? null : { ...data } as PythonData),
    constant('FEATURE_OFFSET', fitted?.featureOffset ?? new Array<number>(width).fill(0), 'data.fitted: each input x -> (x - offset) / scale'),
    constant('FEATURE_SCALE', fitted?.featureScale ?? new Array<number>(width).fill(1)),
    constant('TARGET_OFFSET', exported.task === 'regression' ? fitted?.targetOffset : null, 'normalizeTarget: each target y -> (y - offset) / scale'),
    constant('TARGET_SCALE', exported.task === 'regression' ? fitted?.targetScale : null),
    constant('TRAINING', {
      epochs: training.epochs, batchSize: training.batchSize, seed: training.seed, shuffle: training.shuffle, validationSplit: training.validationSplit,
      clipGradNorm: training.clipGradNorm ?? null,
      earlyStopping: training.earlyStopping ? { ...withDefaults(EARLY_STOPPING_SETTINGS, training.earlyStopping) } : null,
    }),
    constant('LR_SCHEDULE', (schedule ?? null) as PythonData),
    constant('START_EPOCH', epochsTrained(model.history), 'the epochs in the history: this run numbers its epochs after them'),
    constant('TENSORS', tensors, 'each layer\'s tensors in the .nnjson: their torch names, and whether stored transposed'),
  ].join('\n');
}

function networkPython({ model, exported }: ScriptFacts): string {
  const forms = exported.layers.map(({ descriptor, settings }) => descriptor.pytorch!(settings));
  const supports = new Map(forms.flatMap((form) => (form.support ? [[form.support.name, form.support.source] as const] : [])));
  const lines = exported.layers.map(({ layer }, index) => `        (${pythonString(layer.id)}, ${forms[index].module}),`);
  return [
    ...[...supports.values()].map((source) => `${source.trimEnd()}\n\n`),
    'def build_network():',
    `    """The layers in order, named by their ids: the state dict's keys are ${exported.layers.find(({ tensors }) => tensors.size > 0)?.layer.id ?? 'fc1'}.weight and so on."""`,
    '    return nn.Sequential(OrderedDict([',
    ...lines,
    '    ]))',
    '',
    '',
    `FUSED_SOFTMAX = ${fusesSoftmax(model) ? 'True  # CrossEntropy after the last SoftMax: training takes the loss on its logits' : 'False'}`,
  ].join('\n');
}

function lossPython({ model }: ScriptFacts): string {
  const descriptor = lossDescriptor(model.loss.type);
  const { outputs, logits, why } = descriptor.pytorch;
  const lines = [
    'def loss_of_outputs(output, target):',
    `    """${descriptor.type}: ${descriptor.formula}. ${why}"""`,
    `    return ${outputs}`,
  ];
  if (logits !== undefined && fusesSoftmax(model)) {
    lines.push('', '', 'def loss_of_logits(logits, target):',
      '    """The same loss on the logits coming into the last SoftMax: its gradient is softmax(logits) - target, NN Builder\'s."""',
      `    return ${logits}`);
  }
  return lines.join('\n');
}

function optimizerPython({ model }: ScriptFacts): string {
  const descriptor = optimizerDescriptor(model.optimizer.type);
  const settings = withDefaults(descriptor.settings, model.optimizer) as Record<string, number>;
  const decay = withDefaults(WEIGHT_DECAY_SETTINGS, model.optimizer);
  const { torch, why, update } = descriptor.pytorch;
  const call = torch?.(settings, decay);
  const rule = `NN Builder's ${descriptor.type}: ${descriptor.formula}`;
  if (call !== undefined) {
    return ['def make_optimizer(parameters):', `    """${rule}. ${why}"""`, `    return ${call}`].join('\n');
  }
  const names = Object.keys(settings);
  const keywords = [...names.map((key) => `${key}=${settings[key]}`), `weight_decay=${decay.weightDecay}`, `decoupled_weight_decay=${decay.decoupledWeightDecay ? 'True' : 'False'}`];
  return [
    RULE_OPTIMIZER_PYTHON,
    '',
    '',
    `class ${descriptor.type}(RuleOptimizer):`,
    `    """${rule}. ${why}"""`,
    '',
    '    def update(self, w, g, state, group, t):',
    `        ${names.join(', ')} = ${names.map((key) => `group['${key}']`).join(', ')}`,
    indent(update, 8),
    '',
    '',
    'def make_optimizer(parameters):',
    `    return ${descriptor.type}(parameters, ${keywords.join(', ')})`,
  ].join('\n');
}

function schedulePython({ model }: ScriptFacts): string | undefined {
  const spec = model.training?.lrSchedule;
  if (spec === undefined) return undefined;
  const descriptor = lrScheduleDescriptor(spec.type);
  const own = Object.keys(descriptor.settings).filter((key) => key !== 'warmupEpochs');
  const { lr } = withDefaults(optimizerDescriptor(model.optimizer.type).settings, model.optimizer) as { lr: number };
  return [
    'def learning_rate(e, epochs):',
    `    """training.lrSchedule (${descriptor.type}): ${descriptor.formula}, for epoch e (from 0) of a run of E epochs, after`,
    '    the warm-up epochs, in which the rate rises in equal steps to lr0 (NN Builder steps it once per epoch)."""',
    `    lr0, warmup = ${lr}, LR_SCHEDULE['warmupEpochs']  # the optimizer's lr`,
    '    if e < warmup:',
    '        return lr0 * (e + 1) / warmup',
    ...(own.length > 0 ? [`    ${own.join(', ')} = ${own.map((key) => `LR_SCHEDULE['${key}']`).join(', ')}`] : []),
    '    e, E = e - warmup, max(1, epochs - warmup)',
    `    return ${descriptor.pytorch}`,
  ].join('\n');
}

const SECTION = (title: string): string => `# ${'-'.repeat(111)}\n# ${title}`;

export function pytorchScript(facts: ScriptFacts): string {
  const schedule = schedulePython(facts);
  return [
    `#!/usr/bin/env python3\n${docstring(facts)}`,
    PYTHON_IMPORTS,
    settingsPython(facts),
    `${SECTION('The network: each layer as NN Builder computes it')}\n\n${networkPython(facts)}`,
    `${SECTION('The loss and the optimizer, as NN Builder\'s')}\n\n${lossPython(facts)}\n\n\n${optimizerPython(facts)}`,
    ...(schedule ? [schedule] : []),
    ...(readsImages(facts.data) ? [PYTHON_IMAGE_FOLDER] : []),
    PYTHON_RUNTIME,
  ].join('\n\n\n') + '\n';
}
