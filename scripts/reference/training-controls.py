"""Reference training with weight decay, learning-rate schedules and gradient clipping, computed with PyTorch, for the
engine's golden test.

Run from the repository root, once the project's Python environment exists (bash scripts/python-env.sh):

    .venv/bin/python scripts/reference/training-controls.py

It writes test/fixtures/training-controls/training-controls.json, read by
test/unit/engine/training-controls.test.ts (which needs no Python): twelve rows of four features with three
classes, the network Linear(4→6) → ReLU → Linear(6→3) → SoftMax with CrossEntropy as model-file layers, its
initial tensors (Linear W in the file's layout [in, out]), and for every run (an `optimizer` and the `training`
controls as a model file states them) the learning rate of each epoch and the tensors after it. Six epochs of
three batches of four, in the rows' order (no shuffling).

How each control is done in PyTorch:
- `optimizer.weightDecay`: torch.optim.SGD / Adam's `weight_decay` (λ·w added to the gradient);
  `"decoupledWeightDecay": true` on Adam: torch.optim.AdamW;
- `training.lrSchedule`, stepped once per epoch: StepLR, ExponentialLR, CosineAnnealingLR(T_max = epochs − warm-up);
  a warm-up of w epochs is LinearLR(start_factor 1/w, total_iters w − 1) followed by the schedule in SequentialLR
  (milestone w), so that lr = lr₀·(e+1)/w while e < w, then the schedule on e − w; the script checks that the
  rates torch sets are the ones docs/nnjson.md defines;
- `training.clipGradNorm`: torch.nn.utils.clip_grad_norm_ after backward, before optimizer.step().
SoftMax + CrossEntropy on probabilities is nn.CrossEntropyLoss on the logits.
"""
import json
import math
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parents[2] / 'test' / 'fixtures' / 'training-controls' / 'training-controls.json'
FEATURES = 4
HIDDEN = 6
CLASSES = 3
SAMPLES = 12
BATCH_SIZE = 4
EPOCHS = 6

LAYERS = [
    {'type': 'Linear', 'id': 'fc1', 'in': FEATURES, 'out': HIDDEN},
    {'type': 'ReLU', 'id': 'relu1'},
    {'type': 'Linear', 'id': 'fc2', 'in': HIDDEN, 'out': CLASSES},
    {'type': 'SoftMax', 'id': 'softmax1'},
]

SGD = {'type': 'SGD', 'lr': 0.2}
ADAM = {'type': 'Adam', 'lr': 0.02}
RUNS = [
    {'name': 'SGD with weight decay', 'optimizer': {**SGD, 'weightDecay': 0.05}, 'training': {}},
    {'name': 'Adam with weight decay', 'optimizer': {**ADAM, 'weightDecay': 0.05}, 'training': {}},
    {'name': 'AdamW', 'optimizer': {**ADAM, 'weightDecay': 0.5, 'decoupledWeightDecay': True}, 'training': {}},
    {'name': 'step schedule', 'optimizer': SGD, 'training': {'lrSchedule': {'type': 'step', 'stepSize': 2, 'gamma': 0.5}}},
    {'name': 'step schedule after a warm-up', 'optimizer': SGD, 'training': {'lrSchedule': {'type': 'step', 'stepSize': 2, 'gamma': 0.5, 'warmupEpochs': 2}}},
    {'name': 'exponential schedule', 'optimizer': SGD, 'training': {'lrSchedule': {'type': 'exponential', 'gamma': 0.7}}},
    {'name': 'exponential schedule after a warm-up', 'optimizer': SGD, 'training': {'lrSchedule': {'type': 'exponential', 'gamma': 0.7, 'warmupEpochs': 3}}},
    {'name': 'cosine schedule', 'optimizer': SGD, 'training': {'lrSchedule': {'type': 'cosine', 'lrMin': 0.01}}},
    {'name': 'cosine schedule after a warm-up', 'optimizer': ADAM, 'training': {'lrSchedule': {'type': 'cosine', 'warmupEpochs': 2}}},
    {'name': 'gradient clipping', 'optimizer': SGD, 'training': {'clipGradNorm': 0.3}},
    {
        'name': 'AdamW, a cosine schedule after a warm-up and clipping together',
        'optimizer': {**ADAM, 'weightDecay': 0.2, 'decoupledWeightDecay': True},
        'training': {'lrSchedule': {'type': 'cosine', 'lrMin': 0.001, 'warmupEpochs': 2}, 'clipGradNorm': 0.5},
    },
]


def torch_network():
    return torch.nn.Sequential(torch.nn.Linear(FEATURES, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, CLASSES))


def file_tensors(network):
    """The tensors as the model file holds them, keyed by layer id (Linear W as [in, out])."""
    values = lambda tensor: tensor.detach().double().numpy().ravel().tolist()
    return {
        'fc1': {'W': values(network[0].weight.t()), 'b': values(network[0].bias)},
        'fc2': {'W': values(network[2].weight.t()), 'b': values(network[2].bias)},
    }


def make_optimizer(spec, parameters):
    decay = spec.get('weightDecay', 0)
    if spec['type'] == 'SGD':
        return torch.optim.SGD(parameters, lr=spec['lr'], weight_decay=decay)
    if spec.get('decoupledWeightDecay'):
        return torch.optim.AdamW(parameters, lr=spec['lr'], weight_decay=decay)
    return torch.optim.Adam(parameters, lr=spec['lr'], weight_decay=decay)


def make_scheduler(spec, optimizer):
    """torch's scheduler for a `training.lrSchedule`, or None."""
    if spec is None:
        return None
    warmup = spec.get('warmupEpochs', 0)
    kind = spec['type']
    if kind == 'step':
        main = torch.optim.lr_scheduler.StepLR(optimizer, step_size=spec['stepSize'], gamma=spec['gamma'])
    elif kind == 'exponential':
        main = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=spec['gamma'])
    else:
        main = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS - warmup, eta_min=spec.get('lrMin', 0))
    if warmup == 0:
        return main
    ramp = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1 / warmup, end_factor=1, total_iters=warmup - 1)
    return torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers=[ramp, main], milestones=[warmup])


def defined_rate(spec, lr0, e):
    """The learning rate of epoch e as docs/nnjson.md defines it, to check torch's schedulers against."""
    warmup = spec.get('warmupEpochs', 0)
    if e < warmup:
        return lr0 * (e + 1) / warmup
    after = e - warmup
    if spec['type'] == 'step':
        return lr0 * spec['gamma'] ** (after // spec['stepSize'])
    if spec['type'] == 'exponential':
        return lr0 * spec['gamma'] ** after
    m = spec.get('lrMin', 0)
    return m + (lr0 - m) * (1 + math.cos(math.pi * after / (EPOCHS - warmup))) / 2


def main():
    rng = np.random.RandomState(5)
    x = rng.normal(0, 1, [SAMPLES, FEATURES]).astype(np.float32)
    labels = (np.arange(SAMPLES) % CLASSES).astype(np.int64)
    rng.shuffle(labels)
    torch.manual_seed(9)
    initial = torch_network()

    runs = []
    for run in RUNS:
        network = torch_network()
        network.load_state_dict(initial.state_dict())
        parameters = list(network.parameters())
        optimizer = make_optimizer(run['optimizer'], parameters)
        schedule = run['training'].get('lrSchedule')
        scheduler = make_scheduler(schedule, optimizer)
        clip = run['training'].get('clipGradNorm')
        loss_fn = torch.nn.CrossEntropyLoss()
        epochs = []
        clipped = 0
        for e in range(EPOCHS):
            rate = optimizer.param_groups[0]['lr']
            if schedule is not None:
                assert math.isclose(rate, defined_rate(schedule, run['optimizer']['lr'], e), rel_tol=1e-12), (run['name'], e, rate)
            for start in range(0, SAMPLES, BATCH_SIZE):
                xb = torch.from_numpy(x[start:start + BATCH_SIZE])
                yb = torch.from_numpy(labels[start:start + BATCH_SIZE])
                optimizer.zero_grad()
                loss_fn(network(xb), yb).backward()
                if clip is not None:
                    norm = torch.nn.utils.clip_grad_norm_(parameters, clip)
                    clipped += int(norm > clip)
                optimizer.step()
            epochs.append({'lr': rate, 'tensors': file_tensors(network)})
            if scheduler is not None:
                scheduler.step()
        if clip is not None:
            assert clipped > 0, f'{run["name"]}: no step was clipped'
        runs.append({'name': run['name'], 'optimizer': run['optimizer'], 'training': run['training'], 'clippedSteps': clipped, 'epochs': epochs})

    fixture = {
        'generatedBy': f'scripts/reference/training-controls.py with PyTorch {torch.__version__} and NumPy {np.__version__}',
        'batchSize': BATCH_SIZE,
        'epochs': EPOCHS,
        'layers': LAYERS,
        'x': x.astype(np.float64).ravel().tolist(),
        'labels': labels.tolist(),
        'classes': CLASSES,
        'initial': file_tensors(initial),
        'runs': runs,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture) + '\n', encoding='utf-8')
    print(f'wrote {OUT.relative_to(OUT.parents[3])}')


if __name__ == '__main__':
    main()
