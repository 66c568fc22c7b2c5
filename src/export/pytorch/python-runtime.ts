/**
 * The part of the exported PyTorch script that is the same for every model (src/export/pytorch/pytorch-script.ts
 * puts the model's settings, network, loss and optimizer before it): the safetensors reader and writer, the data
 * reading and preprocessing, NN Builder's generator for the split and the shuffles, the training loop under one
 * process or torchrun, the write-back into the .nnjson, prediction and the command line. Python source.
 */

/** The modules the script imports: the Python standard library and torch (Pillow only where it reads images, python-image-folder.ts). */
export const PYTHON_IMPORTS = String.raw`import argparse
import array
import base64
import csv
import gzip
import io
import json
import math
import os
import struct
import sys
import time
from collections import OrderedDict
from pathlib import Path

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data.distributed import DistributedSampler`;

/** The base of the optimizers the script writes out: the weight decay first, then the rule, as NN Builder's do. */
export const RULE_OPTIMIZER_PYTHON = String.raw`class RuleOptimizer(torch.optim.Optimizer):
    """An optimizer as NN Builder steps it: the weight decay (coupled: g + weight_decay * w; decoupled, as AdamW:
    w - lr * weight_decay * w), then the rule's update of each parameter from its gradient; t counts steps from 1."""

    def __init__(self, parameters, lr, weight_decay=0.0, decoupled_weight_decay=False, **settings):
        super().__init__(parameters, dict(lr=lr, weight_decay=weight_decay, decoupled_weight_decay=decoupled_weight_decay, **settings))
        self.t = 0

    @torch.no_grad()
    def step(self):
        self.t += 1
        for group in self.param_groups:
            for w in group['params']:
                if w.grad is None:
                    continue
                g = w.grad
                if group['weight_decay'] != 0:
                    if group['decoupled_weight_decay']:
                        w.add_(w, alpha=-group['lr'] * group['weight_decay'])
                    else:
                        g = g.add(w, alpha=group['weight_decay'])
                self.update(w, g, self.state[w], group, self.t)`;

export const PYTHON_RUNTIME = String.raw`# ---------------------------------------------------------------------------------------------------------------
# Weights: safetensors, a JSON header and the raw little-endian float32 tensors (read and written here, so torch is
# all the script needs).

def read_safetensors(path):
    data = Path(path).read_bytes()
    size = struct.unpack('<Q', data[:8])[0]
    header = json.loads(data[8:8 + size])
    tensors = {}
    for name, entry in header.items():
        if name == '__metadata__':
            continue
        if entry['dtype'] != 'F32':
            sys.exit(f'{path}: tensor {name} is {entry["dtype"]}; this script reads float32 (F32) tensors')
        start, end = entry['data_offsets']
        values = torch.frombuffer(bytearray(data[8 + size + start:8 + size + end]), dtype=torch.float32)
        tensors[name] = values.reshape(entry['shape']).clone()
    return tensors


def float32_bytes(tensor):
    """The values as little-endian float32, row-major (without numpy)."""
    values = array.array('f', tensor.detach().to('cpu', torch.float32).flatten().tolist())
    if sys.byteorder == 'big':
        values.byteswap()
    return values.tobytes()


def write_safetensors(path, tensors):
    header, offset, chunks = {}, 0, []
    for name, tensor in tensors.items():
        values = float32_bytes(tensor)
        header[name] = {'dtype': 'F32', 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(values)]}
        offset += len(values)
        chunks.append(values)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)
    write_atomically(path, struct.pack('<Q', len(text)) + text + b''.join(chunks))


def write_atomically(path, data):
    """The whole file or nothing: a temporary file beside it, renamed over it."""
    path = Path(path)
    temporary = path.with_name(f'.{path.name}.{os.getpid()}.tmp')
    temporary.write_bytes(data)
    os.replace(temporary, path)


def load_weights(network):
    network.load_state_dict(read_safetensors(WEIGHTS_FILE))


# ---------------------------------------------------------------------------------------------------------------
# Data: the model's source read as NN Builder reads it, and its fitted preprocessing.

class Random:
    """NN Builder's generator (xoshiro128**, seeded through splitmix32): the script holds out and shuffles the same
    rows as NN Builder for the same seed."""
    MASK = 0xFFFFFFFF

    def __init__(self, seed):
        state = int(seed) & self.MASK

        def splitmix32():
            nonlocal state
            state = (state + 0x9E3779B9) & self.MASK
            z = state
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & self.MASK
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & self.MASK
            return z ^ (z >> 16)
        self.s = [splitmix32() for _ in range(4)]

    @classmethod
    def rotl(cls, x, k):
        return ((x << k) | (x >> (32 - k))) & cls.MASK

    def next_uint32(self):
        s0, s1, s2, s3 = self.s
        result = (self.rotl((s1 * 5) & self.MASK, 7) * 9) & self.MASK
        t = (s1 << 9) & self.MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = self.rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = math.floor(self.next_uint32() / 4294967296 * (i + 1))
            items[i], items[j] = items[j], items[i]
        return items


def data_random(seed):
    """The stream of the split (and of generated sets), apart from the one of the epochs' shuffles."""
    return Random((int(seed) ^ 0x9E3779B9) & Random.MASK)


def read_csv(path):
    with open(path, newline='', encoding='utf-8-sig') as file:
        text = file.read()
    first = text.split('\n', 1)[0]
    delimiter = ';' if first.count(';') > first.count(',') else ','
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(field.strip() for field in row)]
    return rows[0], rows[1:]


def read_idx(path):
    data = Path(path).read_bytes()
    if str(path).endswith('.gz'):
        data = gzip.decompress(data)
    dimensions = data[3]
    shape = struct.unpack(f'>{dimensions}I', data[4:4 + 4 * dimensions])
    return torch.frombuffer(bytearray(data[4 + 4 * dimensions:]), dtype=torch.uint8).reshape(shape)


def encode_csv(path, require_targets):
    """Feature rows (text columns one-hot, as data.fitted.categories lists them) and targets, before scaling."""
    header, rows = read_csv(path)
    column = {name: index for index, name in enumerate(header)}
    for name in DATA['features']:
        if name not in column:
            sys.exit(f'{path}: no column "{name}": the model takes the columns {", ".join(DATA["features"])}')
    x = []
    for line, row in enumerate(rows, start=2):
        values = []
        for name in DATA['features']:
            text = row[column[name]].strip()
            levels = DATA['categories'].get(name)
            if levels is None:
                values.append(float(text))
            elif text not in levels:
                sys.exit(f'{path}: row {line}, column "{name}": "{text}" was not seen in training (known: {", ".join(levels)})')
            else:
                values.extend(1.0 if text == level else 0.0 for level in levels)
        x.append(values)
    x = torch.tensor(x, dtype=torch.float32)
    if not all(name in column for name in DATA['targets']):
        if require_targets:
            sys.exit(f'{path}: no target column {", ".join(DATA["targets"])}')
        return x, None
    if TASK == 'classification':
        labels = [row[column[DATA['targets'][0]]].strip() for row in rows]
        unknown = sorted(set(labels) - set(CLASSES))
        if unknown:
            sys.exit(f'{path}: class {unknown[0]} is not one of the model\'s classes {", ".join(CLASSES)}')
        return x, torch.tensor([CLASSES.index(label) for label in labels])
    return x, torch.tensor([[float(row[column[name]]) for name in DATA['targets']] for row in rows], dtype=torch.float32)


def encode_idx(images, labels, require_targets):
    """IDX pictures scaled to [0, 1], one row per picture; the labels file's bytes are the classes."""
    pictures = read_idx(images)
    x = pictures.reshape(pictures.shape[0], -1).to(torch.float32) / 255
    if labels is None or not Path(labels).exists():
        if require_targets:
            sys.exit(f'{images}: its labels file {labels} is missing')
        return x, None
    return x, read_idx(labels).to(torch.int64)


def read_data(source, labels=None, require_targets=True):
    """The rows of the file as the network takes them: encoded, scaled with data.fitted, images as [N, C, H, W]; the
    targets as class indices or scaled numbers (None when the file has none)."""
    if DATA is None:
        sys.exit('the model names no data, so the script does not know its columns: add "data" to the .nnjson and export it again')
    if DATA['kind'] == 'idx' and not source.endswith('.csv'):
        x, y = encode_idx(source, labels, require_targets)
    elif DATA['kind'] == 'images':
        x, y = encode_image_folder(source, require_targets)  # above: a script on a folder of images has it
    else:
        x, y = encode_csv(source, require_targets)
    if x.shape[1] != len(FEATURE_OFFSET):
        sys.exit(f'{source}: rows of {x.shape[1]} values, but the model takes {len(FEATURE_OFFSET)}')
    # in float64, then float32, as NN Builder scales its float32 rows
    offset, scale = torch.tensor(FEATURE_OFFSET, dtype=torch.float64), torch.tensor(FEATURE_SCALE, dtype=torch.float64)
    x = ((x.to(torch.float64) - offset) / scale).to(torch.float32)
    if y is not None and TASK == 'regression' and TARGET_OFFSET is not None:
        y = (y - torch.tensor(TARGET_OFFSET)) / torch.tensor(TARGET_SCALE)
    return x.reshape(-1, *INPUT_SHAPE), y


def targets_for_loss(y):
    """One-hot rows for CrossEntropy, the numbers for MSE."""
    return nn.functional.one_hot(y, len(CLASSES)).to(torch.float32) if TASK == 'classification' else y


def model_data():
    if DATA is None:
        sys.exit('the model names no data: add "data" to the .nnjson and export it again')
    return read_data(str(HERE / DATA['source']), DATA.get('labels') and str(HERE / DATA['labels']))


def split_rows(rows):
    """The last validationSplit of the rows held out, after shuffling them with the seed when shuffle is on."""
    order = list(range(rows))
    if TRAINING['shuffle']:
        data_random(TRAINING['seed']).shuffle(order)
    split = TRAINING['validationSplit']
    held = min(rows - 1, max(1, round(rows * split))) if split > 0 and rows >= 2 else 0
    return order[:rows - held], order[rows - held:]


def batch_bounds(rows, batch_size):
    """Start of every batch, and the end; a trailing batch of one row joins the one before (BatchNorm needs two)."""
    bounds = list(range(0, rows, batch_size))
    if batch_size > 1 and len(bounds) > 1 and rows - bounds[-1] == 1:
        bounds.pop()
    return bounds + [rows]


# ---------------------------------------------------------------------------------------------------------------
# Processes: one, or as many as torchrun starts, each with its share of every batch.

def start_processes():
    """(rank, world size, device): DistributedDataParallel over gloo on CPU, nccl with GPUs, under torchrun."""
    world = int(os.environ.get('WORLD_SIZE', '1'))
    if world == 1:
        return 0, 1, torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    gpus = torch.cuda.is_available()
    dist.init_process_group('nccl' if gpus else 'gloo')
    if gpus:
        torch.cuda.set_device(int(os.environ['LOCAL_RANK']))
    return dist.get_rank(), world, torch.device('cuda', int(os.environ['LOCAL_RANK'])) if gpus else torch.device('cpu')


def summed(values, world):
    """The figures summed over every process."""
    if world == 1:
        return values
    tensor = torch.tensor(values, dtype=torch.float64)
    dist.all_reduce(tensor)
    return tensor.tolist()


def count_correct(output, target):
    if output.shape[1] == 1:
        return int(((output[:, 0] > 0.5) == (target[:, 0] > 0.5)).sum())
    return int((output.argmax(dim=1) == target.argmax(dim=1)).sum())


@torch.no_grad()
def evaluate(network, x, y):
    """Loss (and accuracy for a classifier) of every row, in evaluation mode: what nnjson eval reports."""
    network.eval()
    output = network(x)
    target = targets_for_loss(y)
    result = {'loss': float(loss_of_outputs(output, target))}
    if TASK == 'classification':
        result['accuracy'] = count_correct(output, target) / max(1, len(x))
    return result


class EarlyStopping:
    """training.earlyStopping as NN Builder (and Keras) do it: an epoch whose figure beats the best by more than
    minDelta is the new best; after patience epochs in a row without one, training stops."""

    def __init__(self, settings, network):
        self.settings, self.network = settings, network
        self.best, self.best_epoch, self.without, self.saved = None, 0, 0, None

    def should_stop(self, summary):
        watches_loss = self.settings['monitor'] == 'validationLoss'
        value = summary['valLoss' if watches_loss else 'valAccuracy']
        delta = self.settings['minDelta']
        if self.best is None or (value < self.best - delta if watches_loss else value > self.best + delta):
            self.best, self.best_epoch, self.without = value, summary['epoch'], 0
            if self.settings['restoreBest']:
                self.saved = {name: tensor.clone() for name, tensor in self.network.state_dict().items()}
            return False
        self.without += 1
        return self.without >= self.settings['patience']

    def restore_best(self):
        if self.saved is not None:
            self.network.load_state_dict(self.saved)


def significant(value, digits=6):
    return float(f'{value:.{digits}g}')


def train(epochs, write_nnjson=None):
    rank, world, device = start_processes()
    say = print if rank == 0 else (lambda *args, **kwargs: None)
    torch.manual_seed(TRAINING['seed'])
    x, y = model_data()
    train_rows, validation_rows = split_rows(len(x))
    x_train, y_train = x[train_rows].to(device), targets_for_loss(y[train_rows]).to(device)
    x_val, y_val = x[validation_rows].to(device), y[validation_rows].to(device)
    batch_size = TRAINING['batchSize']
    if batch_size % world != 0:
        sys.exit(f'training.batchSize {batch_size} does not split over {world} processes: start a number of processes that divides it')
    if TRAINING['earlyStopping'] and not validation_rows:
        sys.exit('training.earlyStopping watches the validation figures, but no rows are held out: set training.validationSplit above 0')

    network = build_network()
    load_weights(network)
    network.to(device)
    # the last SoftMax's gradient is taken from its input, as NN Builder does, with the loss on its logits
    fused = FUSED_SOFTMAX
    trained = network[:-1] if fused else network
    model = DistributedDataParallel(trained) if world > 1 else trained
    optimizer = make_optimizer(network.parameters())
    stopping = TRAINING['earlyStopping'] and EarlyStopping(TRAINING['earlyStopping'], network)
    shuffles = Random(TRAINING['seed'])
    order = list(range(len(train_rows)))
    history, status = [], None
    say(f'data: {DATA["source"]}: {len(train_rows)} training rows, {len(validation_rows)} validation rows, '
        f'{world} process{"es" if world > 1 else ""} of {batch_size // world} rows of each batch of {batch_size}')
    for e in range(epochs):
        started = time.perf_counter()
        epoch = START_EPOCH + e + 1
        if LR_SCHEDULE is not None:
            for group in optimizer.param_groups:
                group['lr'] = learning_rate(e, epochs)
        if TRAINING['shuffle']:
            shuffles.shuffle(order)
        # DistributedSampler over the epoch's order: each process takes every world-th row, so the rows of a
        # process's k-th batch are the k-th batch of one process, shared out
        mine = [order[i] for i in DistributedSampler(order, num_replicas=world, rank=rank, shuffle=False)]
        bounds = batch_bounds(len(mine), batch_size // world)
        model.train()
        network.train()
        loss_sum, correct = 0.0, 0
        for start, end in zip(bounds[:-1], bounds[1:]):
            xb, yb = x_train[mine[start:end]], y_train[mine[start:end]]
            output = model(xb)
            loss = loss_of_logits(output, yb) if fused else loss_of_outputs(output, yb)
            if not math.isfinite(loss.item()):
                say(f'training diverged at epoch {epoch}: the loss became {loss.item()}; lower the learning rate')
                return 1
            optimizer.zero_grad()
            loss.backward()
            if TRAINING['clipGradNorm'] is not None:
                torch.nn.utils.clip_grad_norm_(network.parameters(), TRAINING['clipGradNorm'])
            optimizer.step()
            loss_sum += loss.item() * (end - start)
            if TASK == 'classification':
                correct += count_correct(torch.softmax(output, dim=1) if fused else output, yb)
        loss_sum, correct, rows = summed([loss_sum, correct, len(mine)], world)
        summary = {'epoch': epoch, 'loss': loss_sum / rows}
        if TASK == 'classification':
            summary['accuracy'] = correct / rows
        if LR_SCHEDULE is not None:
            summary['lr'] = optimizer.param_groups[0]['lr']
        if validation_rows:
            held = evaluate(network, x_val, y_val)
            summary['valLoss'] = held['loss']
            if 'accuracy' in held:
                summary['valAccuracy'] = held['accuracy']
        summary['seconds'] = round(time.perf_counter() - started, 3)
        stop = stopping and stopping.should_stop(summary)
        if stop:
            summary['bestEpoch'] = stopping.best_epoch
            if TRAINING['earlyStopping']['restoreBest']:
                stopping.restore_best()
        history.append(summary)
        say(f'epoch {epoch}: ' + ', '.join(f'{key} {value:.6g}' for key, value in summary.items() if key != 'epoch'))
        if stop:
            status = f'stopped early at epoch {epoch}, best epoch {stopping.best_epoch}'
            break

    network.to('cpu')
    if rank == 0:
        write_safetensors(WEIGHTS_FILE, network.state_dict())
        say(f'wrote {WEIGHTS_FILE.name}')
        if write_nnjson:
            write_back(write_nnjson, network, history, status)
            say(f'wrote {write_nnjson}')
        report = evaluate(network, *model_data())
        say(f'evaluation on all {len(x)} rows: loss {report["loss"]:.7g}' +
            (f', accuracy {report["accuracy"]:.7g}' if 'accuracy' in report else ''))
    if world > 1:
        dist.destroy_process_group()
    return 0


def write_back(path, network, history, status):
    """The trained tensors and this run's history into the .nnjson, keeping everything else in it; atomically."""
    model = json.loads(Path(path).read_text(encoding='utf-8'))
    state = network.state_dict()
    parameters = {}
    for layer, tensors in TENSORS.items():
        parameters[layer] = {}
        for name, (key, transposed) in tensors.items():
            tensor = state[f'{layer}.{key}']
            tensor = tensor.t() if transposed else tensor
            data = base64.b64encode(float32_bytes(tensor)).decode()
            parameters[layer][name] = {'shape': list(tensor.shape), 'dtype': 'float32', 'data': data}
    model['history'] = (model.get('history') or []) + [
        {key: (significant(value) if isinstance(value, float) and key != 'seconds' else value) for key, value in record.items()}
        for record in history
    ]
    model['parameters'] = parameters
    if status is None:
        model.pop('trainingStatus', None)
    else:
        model['trainingStatus'] = status
    write_atomically(path, (json.dumps(model, indent=2, ensure_ascii=False) + '\n').encode('utf-8'))


@torch.no_grad()
def predict(source, labels=None, out=None):
    network = build_network()
    load_weights(network)
    network.eval()
    x, _ = read_data(source, labels, require_targets=False)
    output = network(x)
    if TASK == 'classification':
        header = ['predicted'] + [f'probability_{name}' for name in CLASSES]
        rows = [[CLASSES[int(row.argmax())] if len(row) > 1 else CLASSES[int(row[0] > 0.5)]] + [f'{v:.6g}' for v in row.tolist()] for row in output]
    else:
        if TARGET_OFFSET is not None:
            output = output * torch.tensor(TARGET_SCALE) + torch.tensor(TARGET_OFFSET)
        header = [f'predicted_{name}' for name in DATA['targets']]
        rows = [[f'{v:.6g}' for v in row.tolist()] for row in output]
    file = open(out, 'w', newline='') if out else sys.stdout
    writer = csv.writer(file)
    writer.writerow(header)
    writer.writerows(rows)
    if out:
        file.close()
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    commands = parser.add_subparsers(dest='command', required=True)
    training = commands.add_parser('train', help='continue training on the model\'s data (under torchrun too)')
    training.add_argument('--epochs', type=int, default=TRAINING['epochs'])
    training.add_argument('--write-nnjson', metavar='MODEL.nnjson', help='write the trained weights and history back into this .nnjson')
    images = DATA is not None and DATA['kind'] == 'images'
    predicting = commands.add_parser('predict', help=f'print the predictions for {"a folder of images" if images else "a data file"} as CSV')
    if images:
        predicting.add_argument('data', metavar='FOLDER', help='a folder with a subfolder of PNG or JPEG images for each class, as the model\'s data')
    else:
        predicting.add_argument('data', help='a CSV with the model\'s columns, or IDX images')
        predicting.add_argument('--labels', help='the IDX labels beside IDX images (not needed)')
    predicting.add_argument('--out', help='write the CSV here instead of printing it')
    args = parser.parse_args(argv)
    if args.command == 'train':
        return train(args.epochs, args.write_nnjson)
    return predict(args.data, getattr(args, 'labels', None), args.out)


if __name__ == '__main__':
    sys.exit(main())`;
