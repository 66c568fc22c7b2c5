/** Help texts for `nnjson --help` and `nnjson COMMAND --help`. */
import { BUILTIN_NAMES } from '../data/builtin';
import { MODEL_TEMPLATES, TEMPLATE_NAMES } from '../model/templates';
import { DIFF_USAGE } from './commands/diff';
import { EVAL_USAGE } from './commands/evaluate';
import { EXPORT_FORMATS } from '../export/formats';
import { EXPORT_USAGE } from './commands/export';
import { IMPORT_USAGE } from './commands/import';
import { INIT_USAGE } from './commands/init';
import { PREDICT_USAGE } from './commands/predict';
import { SUMMARY_USAGE } from './commands/summary';
import { TEXTCONV_USAGE } from './commands/textconv';
import { TRAIN_USAGE } from './commands/train';
import { VALIDATE_USAGE } from './commands/validate';

const DATA_HELP = `  --data SRC         builtin:NAME (${BUILTIN_NAMES.join(', ')}) or a CSV file (relative to the current folder);
                     default: the model's data.source`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  train: `${TRAIN_USAGE}

Train MODEL with its own settings and write the parameters, fitted preprocessing and history into it.
${DATA_HELP}
  --epochs N         epochs to run (default training.epochs); 0 writes initial weights and fitted preprocessing
  --batch-size N     rows per batch (default training.batchSize)
  --lr X             learning rate (default optimizer.lr)
  --seed N           seed for weights, shuffling and the validation split (default training.seed)
  --out FILE         write the trained model to FILE instead of MODEL
  --json             print one JSON object per epoch on stdout
  --restart          start from fresh weights even when MODEL is trained (default: continue)
Ctrl-C stops after the current batch and writes what was learned, marked "trainingStatus": "stopped" (exit 130).`,
  eval: `${EVAL_USAGE}

The evaluation report of a trained model, as Markdown: for CrossEntropy the accuracy, per-class precision,
recall, F1 and support with macro averages, and the confusion matrix (rows actual, columns predicted); for MSE the
MAE, RMSE and R2 per target column and overall, in the targets' own units.
${DATA_HELP}
  --validation       evaluate the rows the latest training run held out for validation (recorded in
                     data.fitted.split) instead of every row of the model's data
  --json             print one JSON object instead: data, rows, rowCount, loss, then accuracy, macro, classes and
                     confusion (CrossEntropy) or mse, r2, mae, rmse and targets (MSE)`,
  predict: `${PREDICT_USAGE}

Predictions as CSV, one row per data row: the columns row (1, 2, ...), the input columns with --inputs, then
predicted_TARGET (one per target for MSE) and, for CrossEntropy, probability_CLASS for every class.
${DATA_HELP}
  --inputs           copy the model's input columns from the data into the output, after row
  --out FILE         write the CSV to FILE instead of stdout (never the model or a data file)`,
  summary: `${SUMMARY_USAGE}

The layer table with output widths and parameter counts, totals, loss, optimizer, training and data settings.`,
  validate: `${VALIDATE_USAGE}

Print every problem as FILE:LINE:COLUMN: SEVERITY: MESSAGE. Exit status 1 when any is an error.`,
  diff: `${DIFF_USAGE}

What changed from model A to model B: layers added, removed, renamed, moved or with other settings (layers are
matched by id, then by type in order); parameter counts; loss, optimizer, training and data settings (a left-out
setting counts as its default); for every trained tensor both have, the L2 distance ||B - A|| and its size relative
to ||A||; and the final metrics of both runs side by side.
  --json             print the comparison as one JSON object instead (names, input, layers, parameters,
                     settings, tensors, epochs, metrics, identical)
Exit status 0 when both files are models (whether or not they differ), 1 when one cannot be read.`,
  textconv: `${TEXTCONV_USAGE}

The model as stable, readable text for git diff: its settings, the summary, each tensor's shape, mean, std, min,
max and a fingerprint of its values (instead of base64), and the last epochs of the history. Use it as git's
textconv for .nnjson files:
  echo '*.nnjson diff=nnjson' >> .gitattributes
  git config diff.nnjson.textconv "nnjson textconv"
A file that is not a readable model prints its problems and then its text as it is (exit status 0, so git diff
still works); a file that cannot be read at all exits with 1.`,
  init: `${INIT_USAGE}

Create a new, untrained model from a template (default blank). Never overwrites an existing file.
${TEMPLATE_NAMES.map((name) => `  ${name.padEnd(8)} ${MODEL_TEMPLATES[name].detail}`).join('\n')}`,
  export: `${EXPORT_USAGE}

Write the trained model in another format: ONNX as evaluation runs it (Dropout left out, BatchNorm's running
statistics); PyTorch as a script that predicts and goes on training as NN Builder does, also under torchrun.
  --to FORMAT        ${Object.entries(EXPORT_FORMATS).map(([name, format]) => `${name}: ${format.description}`).join('\n                     ')}
  --out DIR or NAME  where to write it: a folder (the files are named after MODEL) or a name, with or without the
                     format's extension (default: beside MODEL, e.g. model.onnx, or model.py and model.safetensors)`,
  import: `${IMPORT_USAGE}

Convert an ONNX model to .nnjson when every node maps to a layer (Gemm or MatMul+Add as Linear, Conv, pools,
Flatten, activations, BatchNormalization, Dropout; x*Sigmoid(x) as SiLU); otherwise list the nodes that do not.
What nnjson export wrote comes back as the same model; PyTorch's files get default loss and optimizer settings.
  --out FILE         where to write it (default: MODEL with .nnjson); never over an existing file`,
};

export const MAIN_HELP = `nnjson: train, evaluate and inspect .nnjson neural-network models

usage: nnjson COMMAND [ARGS]

commands:
  train      train a model and write the results into it
  eval       accuracy, precision, recall, F1 and confusion matrix (or MAE, RMSE, R2) on data
  predict    predictions for every row of a data set, as CSV
  summary    layers, output widths, parameter counts, optimizer and loss
  validate   check model files and print their problems
  diff       what changed between two models: layers, settings, tensors, metrics
  textconv   a model as readable text, for git diff (see nnjson help textconv)
  init       create a new model from a template
  export     the trained model as ONNX (onnxruntime) or a PyTorch script (training under torchrun)
  import     an ONNX model as .nnjson

Run nnjson COMMAND --help for the options of a command; nnjson --version prints the version.
Exit status: 0 success, 1 error, 2 wrong usage, 130 training stopped with Ctrl-C (model written).`;
