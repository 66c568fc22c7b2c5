/**
 * Checks a parsed (and migrated) `.nnjson` document against the version 1 contract. Works on the plain value
 * and reports issues by JSON path; the reader turns paths into text positions. Browser-safe.
 * The checks of each part of the document live in ./validation/.
 */
import { NNJSON_FORMAT, NNJSON_VERSION, TOP_LEVEL_KEYS, TRAILING_TOP_LEVEL_KEYS } from '../shared/nnjson';
import type { JsonObject } from './json-tree';
import { layerShapes, shapeWidth, widthShapes } from './layer-widths';
import { closestName } from './suggest';
import { Checker, isObject, type Issue } from './validation/checker';
import { checkInput } from './validation/input';
import { checkDuplicateIds, checkLayers, factsLayer } from './validation/layers';
import { checkParameters } from './validation/parameters';
import { checkData, checkHistory, checkLoss, checkOptimizer, checkTraining } from './validation/sections';
import { checkInputShapes, checkWidths } from './validation/widths';

export type { Issue } from './validation/checker';

export interface ValidationResult {
  issues: Issue[];
  /** True when the document does not have the shape of an `NnJsonModel` and must not be handed out as one. */
  blocked: boolean;
}

function checkTopLevelKeys(checker: Checker, document: JsonObject): void {
  const known: readonly string[] = [...TOP_LEVEL_KEYS, ...TRAILING_TOP_LEVEL_KEYS];
  for (const key of Object.keys(document)) {
    if (known.includes(key)) continue;
    const suggestion = closestName(key, known);
    // unknown top-level keys are allowed and kept; only a likely typo is worth a note
    if (suggestion && document[suggestion] === undefined) {
      checker.report('warning', 'unknown-key', [key], `"${key}" is not a .nnjson key (it is kept as is): did you mean "${suggestion}"? Rename it`, { suggestion }, true);
    }
  }
}

export function validateDocument(document: JsonObject): ValidationResult {
  const checker = new Checker();
  const format = document.format;
  if (format === undefined) checker.missing(['format'], 'the file type', `add "format": "${NNJSON_FORMAT}"`);
  else if (format !== NNJSON_FORMAT) {
    if (typeof format !== 'string') checker.wrongType(['format'], format, `the string "${NNJSON_FORMAT}"`, `set "format": "${NNJSON_FORMAT}"`);
    else checker.block('wrong-format', ['format'], `format is "${format}" but a .nnjson model needs "${NNJSON_FORMAT}": set "format": "${NNJSON_FORMAT}"`, { expected: NNJSON_FORMAT, actual: format });
  }
  const version = document.version;
  if (version === undefined) checker.missing(['version'], 'the format version', 'add "version": 1');
  else if (typeof version !== 'number' || !Number.isInteger(version)) checker.wrongType(['version'], version, 'a whole number', 'set "version": 1');
  else if (version !== NNJSON_VERSION) checker.block('out-of-range', ['version'], `version ${version} is not a .nnjson version: set "version": ${NNJSON_VERSION}`, { expected: NNJSON_VERSION, actual: version });
  checkTopLevelKeys(checker, document);
  for (const key of ['name', 'description']) checker.string(document, key, [], false, 'free text', `put the ${key} in double quotes`);

  const inputShape = checkInput(checker, document);

  const layers = checkLayers(checker, document);
  checkDuplicateIds(checker, layers);
  const chain = layerShapes(inputShape, layers.map(factsLayer));
  const widths = chain.shapes.map(shapeWidth);
  checkWidths(checker, layers, chain, isObject(document.input) && document.input.shape !== undefined ? 'shape' : 'size');
  checkInputShapes(checker, layers, chain);

  const loss = checker.object(document, 'loss', [], true, 'the loss function', 'add "loss": { "type": "CrossEntropy" } for classification or { "type": "MSE" } for regression');
  if (loss) checkLoss(checker, loss, layers, widths[layers.length]);
  const optimizer = checker.object(document, 'optimizer', [], true, 'how the weights are updated', 'add "optimizer": { "type": "Adam", "lr": 0.001 }');
  if (optimizer) checkOptimizer(checker, optimizer);
  const training = checker.object(document, 'training', [], false, 'training settings', 'write it as { "epochs": 20, "batchSize": 32 }');
  if (training) checkTraining(checker, training, isObject(loss) && typeof loss.type === 'string' ? loss.type : undefined);
  const data = checker.object(document, 'data', [], false, 'the training data source', 'write it as { "source": "builtin:xor" }');
  if (data) checkData(checker, data);
  const history = document.history;
  if (history !== undefined) {
    if (Array.isArray(history)) checkHistory(checker, history);
    else checker.wrongType(['history'], history, 'a list of epoch records', 'delete it; training writes it again');
  }
  const parameters = checker.object(document, 'parameters', [], false, 'trained tensors keyed by layer id', 'delete it and train again');
  if (parameters) checkParameters(checker, parameters, layers, widthShapes(chain));
  return { issues: checker.issues, blocked: checker.blocked };
}
