/**
 * The JSON schema (schemas/nnjson.schema.json, which VS Code uses for completion and hovers in the text editor)
 * states the layer, loss and optimizer types exactly as their descriptors do: types, settings, kinds, defaults,
 * ranges, required settings and descriptions. A descriptor changed without the schema fails here, naming both.
 * The tables of docs/nnjson.md name each type with its settings, defaults and tensors too.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LAYER_DESCRIPTORS } from '../../../src/registry/layers/index';
import { LOSS_DESCRIPTORS } from '../../../src/registry/losses';
import { OPTIMIZER_DESCRIPTORS } from '../../../src/registry/optimizers';
import { isNumberSetting, type Setting, type Settings } from '../../../src/registry/settings';

interface SchemaNode { [keyword: string]: unknown; properties?: Record<string, SchemaNode> }

const schema = JSON.parse(readFileSync('schemas/nnjson.schema.json', 'utf8')) as { properties: Record<string, SchemaNode>; definitions: Record<string, SchemaNode> };

/** What the schema must say of a setting, apart from its description. */
function schemaOf(setting: Setting): Record<string, unknown> {
  if (!isNumberSetting(setting)) return { type: 'boolean', default: setting.default };
  const node: Record<string, unknown> = { type: setting.kind };
  if (setting.min !== undefined) node[setting.minExclusive ? 'exclusiveMinimum' : 'minimum'] = setting.min;
  if (setting.max !== undefined) node[setting.maxExclusive ? 'exclusiveMaximum' : 'maximum'] = setting.max;
  if (setting.default !== undefined) node.default = setting.default;
  return node;
}

interface Described { type: string; explanation: string; formula: string; settings: Settings }

/**
 * Checks a schema object whose `type` enum names `descriptors`: the enum and its descriptions, and each setting,
 * whose description starts with the types that use it ("RMSProp, Adam, Nadam: ...").
 */
function checkTypes(node: SchemaNode, descriptors: readonly Described[], where: string): void {
  const properties = node.properties ?? {};
  assert.deepEqual(properties.type.enum, descriptors.map((descriptor) => descriptor.type), `${where}.type.enum`);
  assert.deepEqual(properties.type.enumDescriptions, descriptors.map(({ explanation, formula }) => `${explanation} ${formula}`), `${where}.type.enumDescriptions`);
  const settingKeys = [...new Set(descriptors.flatMap((descriptor) => Object.keys(descriptor.settings)))];
  assert.deepEqual(Object.keys(properties).filter((key) => key !== 'type' && key !== 'id'), settingKeys, `${where}: the settings, in writing order`);
  for (const key of settingKeys) {
    const owners = descriptors.filter((descriptor) => key in descriptor.settings);
    for (const owner of owners) {
      const { description, ...rest } = properties[key];
      const setting = owner.settings[key];
      assert.deepEqual(rest, schemaOf(setting), `${where}.${key} as ${owner.type} describes it`);
      const expected = `${owners.map((descriptor) => descriptor.type).join(', ')}: ${setting.description}.`;
      assert.ok(typeof description === 'string' && description.startsWith(expected), `${where}.${key}.description should start with "${expected}", is "${String(description)}"`);
    }
  }
}

describe('the JSON schema agrees with the descriptors', () => {
  it('layers: types, explanations, settings with their kinds, ranges and defaults', () => {
    checkTypes(schema.definitions.layer, LAYER_DESCRIPTORS, 'layer');
  });

  it('layers: the settings a type requires', () => {
    const required = LAYER_DESCRIPTORS.flatMap((descriptor) => {
      const keys = Object.entries(descriptor.settings as Settings).filter(([, setting]) => isNumberSetting(setting) && setting.required).map(([key]) => key);
      return keys.length === 0 ? [] : [{ if: { properties: { type: { const: descriptor.type } } }, then: { required: keys } }];
    });
    assert.deepEqual(schema.definitions.layer.allOf, required);
  });

  it('optimizers: types, explanations, settings with their kinds, ranges and defaults', () => {
    checkTypes(schema.definitions.optimizer, OPTIMIZER_DESCRIPTORS, 'optimizer');
  });

  it('losses: types and explanations', () => {
    checkTypes(schema.properties.loss, LOSS_DESCRIPTORS.map((descriptor) => ({ ...descriptor, settings: {} })), 'loss');
  });

  it('docs/nnjson.md: a table row per layer and optimizer type with its settings, defaults and tensors', () => {
    const docs = readFileSync('docs/nnjson.md', 'utf8');
    const row = (type: string) => docs.split('\n').find((line) => line.startsWith(`| \`${type}\` |`));
    const stated = (key: string, setting: Setting): string[] => {
      if (isNumberSetting(setting) && setting.followsIncomingWidth) return [`\`${key}\` (the width coming in)`];
      if (isNumberSetting(setting) && setting.required) return [`\`${key}\` (required)`];
      const value = setting.default as number | boolean;
      return [String(value), typeof value === 'number' ? value.toExponential() : ''].map((text) => `\`${key}\` (\`${text}\`)`);
    };
    const descriptors: { type: string; settings: Settings; parameters?: readonly { name: string }[] }[] = [...LAYER_DESCRIPTORS, ...OPTIMIZER_DESCRIPTORS];
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
});
