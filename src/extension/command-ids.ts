/** Every command the extension contributes; package.json "contributes.commands" lists the same ids. */
export const COMMAND_IDS = {
  newModel: 'nnBuilder.newModel',
  trainModel: 'nnBuilder.trainModel',
  stopTraining: 'nnBuilder.stopTraining',
  evaluateModel: 'nnBuilder.evaluateModel',
  predict: 'nnBuilder.predict',
  exportModel: 'nnBuilder.exportModel',
  showSummary: 'nnBuilder.showSummary',
  validateModel: 'nnBuilder.validateModel',
  openAsJson: 'nnBuilder.openAsJson',
  openInBuilder: 'nnBuilder.openInBuilder',
  resetWeights: 'nnBuilder.resetWeights',
  compareModels: 'nnBuilder.compareModels',
  compareSelected: 'nnBuilder.compareSelected',
  compareWithCommitted: 'nnBuilder.compareWithCommitted',
  convertOnnx: 'nnBuilder.convertOnnx',
  openExample: 'nnBuilder.openExample',
  lookInside: 'nnBuilder.lookInside',
} as const;

export const BUILDER_VIEW_TYPE = 'nnBuilder.builder';
export const ONNX_VIEW_TYPE = 'nnBuilder.onnxViewer';
