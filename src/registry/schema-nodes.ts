/**
 * The parts of the JSON schema (schemas/nnjson.schema.json) that the descriptors say: the layer, loss and optimizer
 * types with their explanations and formulas, the training controls, and every setting with its kind, range,
 * default, description and rule. The build writes them into the schema (scripts/schema/write-schema.ts), so the two
 * cannot disagree.
 */
import { LAYER_ID_PATTERN } from './layer-id';
import { LAYER_DESCRIPTORS } from './layers/index';
import { LOSS_DESCRIPTORS } from './losses';
import { OPTIMIZER_DESCRIPTORS, OPTIMIZER_TYPES, WEIGHT_DECAY_SETTINGS } from './optimizers';
import { isNumberSetting, sentence, type AnySetting, type AnySettings, type RuleDescriptor } from './settings';
import {
  CLIP_GRAD_NORM, EARLY_STOPPING_EXPLANATION, EARLY_STOPPING_FORMULA, EARLY_STOPPING_SETTINGS, LR_SCHEDULE_DESCRIPTORS,
} from './training-controls';

export type SchemaNode = { [keyword: string]: unknown };

/**
 * A setting as the schema states it; `owners` are the types that use it ("RMSProp, Adam, Nadam: ..."), none for a
 * setting of its own (`training.clipGradNorm`). Its rule, where it has one, ends the description.
 */
function settingNode(setting: AnySetting, owners: readonly string[]): SchemaNode {
  let description = owners.length > 0 ? `${owners.join(', ')}: ${setting.description}.` : `${sentence(setting.description)}.`;
  if (setting.formula !== undefined) description += ` Rule: ${setting.formula}.`;
  if (setting.kind === 'boolean') return { description, type: 'boolean', default: setting.default };
  if (setting.kind === 'choice') {
    return { description, enum: setting.choices.map((choice) => choice.value), enumDescriptions: setting.choices.map((choice) => choice.label), default: setting.default };
  }
  if (setting.followsIncomingWidth) description += ' Optional: left out, it is the width coming into the layer; given, it must equal that width.';
  if (setting.defaultFrom !== undefined) description += ` Left out, it is the ${setting.defaultFrom}.`;
  const range: SchemaNode = { type: setting.kind };
  if (setting.min !== undefined) range[setting.minExclusive ? 'exclusiveMinimum' : 'minimum'] = setting.min;
  if (setting.max !== undefined) range[setting.maxExclusive ? 'exclusiveMaximum' : 'maximum'] = setting.max;
  const node: SchemaNode = setting.perAxis
    ? { description, oneOf: [range, { type: 'array', items: range, minItems: 2, maxItems: 2 }] }
    : { description, ...range };
  if (setting.default !== undefined) node.default = setting.default;
  return node;
}

/** What a left-out setting is, in words: its default, or the setting it defaults from. */
function leftOut(setting: AnySetting): string {
  if (isNumberSetting(setting) && setting.defaultFrom !== undefined) return `the ${setting.defaultFrom}`;
  return String(setting.default);
}

/** The `type` enum of `descriptors` (hover text: explanation and formula) and, keyed by name, their settings. */
function typeAndSettings(descriptors: readonly RuleDescriptor[], typeDescription: string): { type: SchemaNode; settings: Record<string, SchemaNode> } {
  const type = {
    description: typeDescription,
    enum: descriptors.map((descriptor) => descriptor.type),
    enumDescriptions: descriptors.map(({ explanation, formula }) => `${explanation} ${formula}`),
  };
  const settings: Record<string, SchemaNode> = {};
  for (const key of new Set(descriptors.flatMap((descriptor) => Object.keys(descriptor.settings)))) {
    const owners = descriptors.filter((descriptor) => key in descriptor.settings);
    // a setting several types share is described as the first of them states it (the test checks they agree),
    // except for its default, which may differ by type (Conv2D's stride is 1, a pool's its kernel size)
    const node = settingNode(owners[0].settings[key], owners.map((descriptor) => descriptor.type));
    const defaults = owners.map((descriptor) => leftOut(descriptor.settings[key]));
    if (defaults.some((text) => text !== defaults[0])) {
      delete node.default;
      node.description += ` Left out: ${owners.map((descriptor, index) => `${defaults[index]} for ${descriptor.type}`).join(', ')}.`;
    }
    settings[key] = node;
  }
  return { type, settings };
}

/** The settings each type of `descriptors` requires, as `if type then required` clauses. */
function requiredByType(descriptors: readonly RuleDescriptor[]): SchemaNode[] {
  return descriptors.flatMap((descriptor) => {
    const required = Object.entries(descriptor.settings).filter(([, setting]) => isNumberSetting(setting) && setting.required).map(([key]) => key);
    return required.length === 0 ? [] : [{ if: { properties: { type: { const: descriptor.type } } }, then: { required } }];
  });
}

/** Each setting of `settings` keyed by name, none of them shared with another type. */
function ownSettings(settings: AnySettings, owners: readonly string[] = []): Record<string, SchemaNode> {
  return Object.fromEntries(Object.entries(settings).map(([key, setting]) => [key, settingNode(setting, owners)]));
}

/** `definitions.layer.properties` and `definitions.layer.allOf` (the settings each type requires). */
export function layerSchema(): { properties: Record<string, SchemaNode>; allOf: SchemaNode[] } {
  const { type, settings } = typeAndSettings(LAYER_DESCRIPTORS, 'The kind of layer.');
  const id = {
    description: 'Unique layer name, used as the key of its trained parameters (e.g. "fc1", "relu1").',
    type: 'string',
    pattern: LAYER_ID_PATTERN,
  };
  return { properties: { type, id, ...settings }, allOf: requiredByType(LAYER_DESCRIPTORS) };
}

/** `definitions.optimizer.properties`: each type's settings, then the weight decay every type takes. */
export function optimizerSchema(): Record<string, SchemaNode> {
  const { type, settings } = typeAndSettings(OPTIMIZER_DESCRIPTORS, 'The update rule.');
  return { type, ...settings, ...ownSettings(WEIGHT_DECAY_SETTINGS, OPTIMIZER_TYPES) };
}

/** `training.lrSchedule`, `training.clipGradNorm` and `training.earlyStopping`, keyed by name. */
export function trainingControlsSchema(): Record<string, SchemaNode> {
  const schedules = typeAndSettings(LR_SCHEDULE_DESCRIPTORS, 'The schedule; e counts the epochs of a run from 0, lr₀ is the optimizer\'s lr.');
  return {
    lrSchedule: {
      description: 'The learning rate of each epoch, set once per epoch from the optimizer\'s lr (lr₀); every epoch record then has its lr.',
      type: 'object',
      required: ['type'],
      properties: { type: schedules.type, ...schedules.settings },
      allOf: requiredByType(LR_SCHEDULE_DESCRIPTORS),
      additionalProperties: false,
    },
    clipGradNorm: settingNode(CLIP_GRAD_NORM, []),
    earlyStopping: {
      description: `${EARLY_STOPPING_EXPLANATION} Its rule: ${EARLY_STOPPING_FORMULA}. Needs a validation split.`,
      type: 'object',
      properties: ownSettings(EARLY_STOPPING_SETTINGS),
      additionalProperties: false,
    },
  };
}

/** `properties.loss.properties.type`. */
export function lossTypeSchema(): SchemaNode {
  const losses = LOSS_DESCRIPTORS.map((descriptor) => ({ ...descriptor, settings: {} }));
  return typeAndSettings(losses, 'CrossEntropy for classification (integer class targets), MSE for regression (numeric targets).').type;
}

/** Where each generated part sits in the schema, and its value. */
export function generatedSchemaParts(): { path: string[]; value: unknown }[] {
  const layer = layerSchema();
  return [
    { path: ['definitions', 'layer', 'properties'], value: layer.properties },
    { path: ['definitions', 'layer', 'allOf'], value: layer.allOf },
    { path: ['definitions', 'optimizer', 'properties'], value: optimizerSchema() },
    { path: ['properties', 'loss', 'properties', 'type'], value: lossTypeSchema() },
    ...Object.entries(trainingControlsSchema()).map(([key, value]) => ({ path: ['properties', 'training', 'properties', key], value })),
  ];
}
