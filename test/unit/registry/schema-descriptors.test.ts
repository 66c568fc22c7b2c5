/**
 * The JSON schema (schemas/nnjson.schema.json, which VS Code uses for completion and hovers in the text editor)
 * states the layer, loss and optimizer types exactly as their descriptors do: the build writes those parts from
 * src/registry/schema-nodes.ts, and a schema not rebuilt since a descriptor changed fails here.
 * The tables of docs/nnjson.md name each type with its settings, defaults and tensors too.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LAYER_DESCRIPTORS } from '../../../src/registry/layers/index';
import { LOSS_DESCRIPTORS } from '../../../src/registry/losses';
import { OPTIMIZER_DESCRIPTORS, WEIGHT_DECAY_SETTINGS } from '../../../src/registry/optimizers';
import { generatedSchemaParts, layerSchema, lossTypeSchema, optimizerSchema, trainingControlsSchema } from '../../../src/registry/schema-nodes';
import { isNumberSetting, type AnySetting, type AnySettings } from '../../../src/registry/settings';
import { CLIP_GRAD_NORM, EARLY_STOPPING_SETTINGS, LR_SCHEDULE_DESCRIPTORS } from '../../../src/registry/training-controls';

const schema = JSON.parse(readFileSync('schemas/nnjson.schema.json', 'utf8')) as Record<string, unknown>;

function at(node: unknown, path: string[]): unknown {
  return path.reduce<unknown>((parent, key) => (parent as Record<string, unknown> | undefined)?.[key], node);
}

describe('the JSON schema agrees with the descriptors', () => {
  it('states every generated part as the descriptors say it (npm run build writes them)', () => {
    for (const { path, value } of generatedSchemaParts()) {
      assert.deepEqual(at(schema, path), value, `schemas/nnjson.schema.json ${path.join('.')} is not what the descriptors say: run npm run build`);
    }
  });

  it('layers: types with their explanations and formulas, settings with their kinds, ranges, defaults and required ones', () => {
    const { properties, allOf } = layerSchema();
    assert.deepEqual((properties.type as { enum: string[] }).enum, LAYER_DESCRIPTORS.map((descriptor) => descriptor.type));
    assert.deepEqual(properties.out, { description: 'Linear: the number of output features.', type: 'integer', minimum: 1 });
    assert.match(String(properties.in.description), /^Linear: .*Optional: left out, it is the width coming into the layer/);
    assert.deepEqual(properties.slope, { description: 'LeakyReLU: the slope for negative inputs.', type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.03 });
    assert.deepEqual(allOf.slice(0, 2), [
      { if: { properties: { type: { const: 'Linear' } } }, then: { required: ['out'] } },
      { if: { properties: { type: { const: 'Conv2D' } } }, then: { required: ['outChannels', 'kernelSize'] } },
    ]);
  });

  it('a per-axis setting is one number or an [height, width] pair; a default that differs by type is said in words', () => {
    const { properties } = layerSchema();
    const whole = { type: 'integer', minimum: 1 };
    assert.deepEqual(properties.kernelSize, {
      description: 'Conv2D, MaxPool2D, AvgPool2D: the size of the window (the filter): one number, or [height, width].',
      oneOf: [whole, { type: 'array', items: whole, minItems: 2, maxItems: 2 }],
    });
    assert.equal((properties.padding as { default: number }).default, 0);
    assert.equal(properties.stride.default, undefined);
    assert.match(String(properties.stride.description), /Left out: 1 for Conv2D, the kernelSize for MaxPool2D, the kernelSize for AvgPool2D\.$/);
  });

  it('a setting several types share is described the same by each, its default aside (the schema has one entry for it)', () => {
    const withoutDefault = (setting: AnySetting) => ({ ...setting, default: undefined, defaultFrom: undefined, whenAdded: undefined });
    const groups: readonly (readonly { type: string; settings: AnySettings }[])[] = [LAYER_DESCRIPTORS, OPTIMIZER_DESCRIPTORS, LR_SCHEDULE_DESCRIPTORS];
    for (const descriptors of groups) {
      const first = new Map<string, { type: string; setting: AnySetting }>();
      for (const descriptor of descriptors) {
        for (const [key, setting] of Object.entries(descriptor.settings)) {
          const earlier = first.get(key);
          if (earlier === undefined) first.set(key, { type: descriptor.type, setting });
          else assert.deepEqual(withoutDefault(setting), withoutDefault(earlier.setting), `${descriptor.type}.${key} and ${earlier.type}.${key}`);
        }
      }
    }
  });

  it('optimizers and losses: types with their explanations and formulas', () => {
    const optimizer = optimizerSchema();
    assert.deepEqual((optimizer.type as { enum: string[] }).enum, OPTIMIZER_DESCRIPTORS.map((descriptor) => descriptor.type));
    assert.deepEqual(optimizer.lr, { description: 'SGD, Momentum, RMSProp, Adam, Nadam: the learning rate, the size of each step.', type: 'number', exclusiveMinimum: 0, default: 0.001 });
    assert.deepEqual((lossTypeSchema() as { enumDescriptions: string[] }).enumDescriptions, LOSS_DESCRIPTORS.map(({ explanation, formula }) => `${explanation} ${formula}`));
  });

  it('docs/nnjson.md: a table row per layer and optimizer type with its settings, defaults and tensors', () => {
    const docs = readFileSync('docs/nnjson.md', 'utf8');
    const row = (type: string) => docs.split('\n').find((line) => line.startsWith(`| \`${type}\` |`));
    const stated = (key: string, setting: AnySetting): string[] => {
      if (isNumberSetting(setting) && setting.followsIncomingWidth) return [`\`${key}\` (the width coming in)`];
      if (isNumberSetting(setting) && setting.required) return [`\`${key}\` (required)`];
      if (isNumberSetting(setting) && setting.defaultFrom !== undefined) return [`\`${key}\` (the \`${setting.defaultFrom}\`)`];
      const value = setting.default as number | boolean;
      return [String(value), typeof value === 'number' ? value.toExponential() : ''].map((text) => `\`${key}\` (\`${text}\`)`);
    };
    const descriptors: { type: string; settings: AnySettings; parameters?: readonly { name: string }[] }[] = [...LAYER_DESCRIPTORS, ...OPTIMIZER_DESCRIPTORS];
    for (const descriptor of descriptors) {
      const line = row(descriptor.type);
      assert.ok(line, `docs/nnjson.md has a row for ${descriptor.type}`);
      for (const [key, setting] of Object.entries(descriptor.settings)) {
        assert.ok(stated(key, setting).some((text) => line.includes(text)), `the ${descriptor.type} row states ${stated(key, setting)[0]}: ${line}`);
      }
      for (const tensor of descriptor.parameters ?? []) assert.ok(line.includes(`\`${tensor.name}\``), `the ${descriptor.type} row names ${tensor.name}`);
    }
    const prefixes = docs.match(/the prefix of their type and the next free number \(([^)]*)\)/)?.[1];
    assert.equal(prefixes, LAYER_DESCRIPTORS.map((descriptor) => `\`${descriptor.idPrefix}\``).join(', '), 'the id prefixes of new layers');
  });

  it('the training controls: the schema states each with its rule, docs/nnjson.md each with its default and formula', () => {
    const { lrSchedule, clipGradNorm, earlyStopping } = trainingControlsSchema() as Record<string, { properties: Record<string, { description: string; default?: unknown; enum?: unknown[] }>; description: string }>;
    assert.deepEqual(lrSchedule.properties.type.enum, LR_SCHEDULE_DESCRIPTORS.map((descriptor) => descriptor.type));
    assert.match(lrSchedule.properties.warmupEpochs.description, /Rule: lr = lr₀·\(e\+1\)\/w while e < w/);
    assert.match(clipGradNorm.description, /Rule: g ← g·min\(1, c\/\(‖g‖ \+ 10⁻⁶\)\)/);
    assert.deepEqual(earlyStopping.properties.monitor.enum, ['validationLoss', 'validationAccuracy']);
    const optimizer = optimizerSchema() as Record<string, { description: string; default?: unknown }>;
    assert.match(optimizer.weightDecay.description, /^SGD, Momentum, RMSProp, Adam, Nadam: the weight decay λ.* Rule: before the rule: g ← g \+ λ·w\.$/);

    const docs = readFileSync('docs/nnjson.md', 'utf8');
    const row = (cell: string) => docs.split('\n').find((line) => line.startsWith(`| ${cell} |`));
    for (const descriptor of LR_SCHEDULE_DESCRIPTORS) {
      const line = row(`\`${descriptor.type}\``) ?? '';
      assert.ok(line.includes(`\`${descriptor.formula}\``), `docs/nnjson.md has a row for the ${descriptor.type} schedule with its formula: ${line}`);
      for (const [key, setting] of Object.entries(descriptor.settings)) {
        if (key === 'warmupEpochs') continue;
        assert.ok(line.includes(`\`${key}\``) && (setting.default === undefined || line.includes(`(\`${String(setting.default)}\`)`)), `the ${descriptor.type} row states ${key} and its default: ${line}`);
      }
    }
    const defaults: [string, AnySetting][] = [...Object.entries(EARLY_STOPPING_SETTINGS), ...Object.entries(WEIGHT_DECAY_SETTINGS)];
    for (const [key, setting] of defaults) {
      const line = row(`\`${key}\``);
      const value = typeof setting.default === 'string' ? `"${setting.default}"` : String(setting.default);
      assert.ok(line?.startsWith(`| \`${key}\` | \`${value}\` |`), `docs/nnjson.md states ${key} with its default ${value}: ${line}`);
    }
    assert.ok(docs.includes(`"warmupEpochs": w\` (default \`0\`): \`lr = lr₀·(e+1)/w\``), 'the warm-up rule');
    assert.ok(docs.includes('`min(1, c/(‖g‖ + 10⁻⁶))`') && CLIP_GRAD_NORM.formula.includes('min(1, c/(‖g‖ + 10⁻⁶))'), 'the clipping rule');
  });
});
