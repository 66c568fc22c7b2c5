"""Reference training of a small convolutional network, computed with PyTorch, for the engine's golden test.

Run from the repository root, once the project's Python environment exists (bash scripts/python-env.sh):

    .venv/bin/python scripts/reference/conv-training.py

It writes test/fixtures/conv/conv-training.json, read by test/unit/engine/conv-training.test.ts (which needs no
Python): twelve 2×9×9 images with three classes, the network as model-file layers
    Conv2D(2→4, 3, padding 1, no bias) → BatchNorm → ReLU → MaxPool2D(2) → Conv2D(4→5, [3, 2], stride 2, padding 1)
    → AvgPool2D(2, stride 1, padding 1) → Flatten → Linear(60→3) → SoftMax, with CrossEntropy,
its initial tensors (in the file's layouts: Conv2D W [out, in, kh, kw], Linear W [in, out]), and, for every
optimizer, the tensors after each of two epochs of three batches of four, in the file's order.

BatchNorm on the 4-D activations is BatchNorm2d in training (the Conv2D before it has no bias: BatchNorm takes
out its mean, so the bias's gradient would be rounding noise, which Adam's normalised steps blow up); its runningVar follows NN Builder's rule, the
biased variance of the batch (BatchNorm2d's running_var uses the unbiased one), computed here from its input.

SoftMax + CrossEntropy on probabilities is nn.CrossEntropyLoss on the logits. The gradients are PyTorch's
autograd; SGD, Momentum and Adam are torch.optim's (Momentum's u = m·u + lr·g is SGD's buffer times lr), while
RMSProp and Nadam apply NN Builder's own rules (src/engine/kernels.ts) by hand, since torch.optim's RMSprop puts
eps outside the square root and its NAdam has a momentum schedule.
"""
import json
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parents[2] / 'test' / 'fixtures' / 'conv' / 'conv-training.json'
INPUT_SHAPE = [2, 9, 9]
SAMPLES = 12
CLASSES = 3
BATCH_SIZE = 4
EPOCHS = 2

LAYERS = [
    {'type': 'Conv2D', 'id': 'conv1', 'outChannels': 4, 'kernelSize': 3, 'padding': 1, 'bias': False},
    {'type': 'BatchNorm', 'id': 'bn1'},
    {'type': 'ReLU', 'id': 'relu1'},
    {'type': 'MaxPool2D', 'id': 'maxpool1', 'kernelSize': 2},
    {'type': 'Conv2D', 'id': 'conv2', 'outChannels': 5, 'kernelSize': [3, 2], 'stride': 2, 'padding': 1},
    {'type': 'AvgPool2D', 'id': 'avgpool1', 'kernelSize': 2, 'stride': 1, 'padding': 1},
    {'type': 'Flatten', 'id': 'flatten1'},
    {'type': 'Linear', 'id': 'fc1', 'out': CLASSES},
    {'type': 'SoftMax', 'id': 'softmax1'},
]

OPTIMIZERS = [
    {'type': 'SGD', 'lr': 0.1},
    {'type': 'Momentum', 'lr': 0.05, 'momentum': 0.9},
    {'type': 'RMSProp', 'lr': 0.01, 'beta': 0.9, 'eps': 1e-8},
    {'type': 'Adam', 'lr': 0.01, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8},
    {'type': 'Nadam', 'lr': 0.01, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8},
]


def torch_network():
    return torch.nn.Sequential(
        torch.nn.Conv2d(2, 4, 3, padding=1, bias=False),
        torch.nn.BatchNorm2d(4),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(4, 5, (3, 2), stride=2, padding=1),
        torch.nn.AvgPool2d(2, stride=1, padding=1),
        torch.nn.Flatten(),
        torch.nn.Linear(60, CLASSES),
    )


def file_tensors(network, biased_running_var):
    """The trained tensors as the model file holds them, keyed by layer id."""
    conv1, bn1, conv2, fc1 = network[0], network[1], network[4], network[7]
    values = lambda tensor: tensor.detach().double().numpy().ravel().tolist()
    return {
        'conv1': {'W': values(conv1.weight)},
        'bn1': {
            'gamma': values(bn1.weight), 'beta': values(bn1.bias),
            'runningMean': values(bn1.running_mean), 'runningVar': values(biased_running_var),
        },
        'conv2': {'W': values(conv2.weight), 'b': values(conv2.bias)},
        'fc1': {'W': values(fc1.weight.t()), 'b': values(fc1.bias)},
    }


def make_update(spec, parameters):
    """One update of `parameters` from their .grad, by NN Builder's rule for the spec's optimizer."""
    kind = spec['type']
    if kind == 'SGD':
        optimizer = torch.optim.SGD(parameters, lr=spec['lr'])
        return optimizer.step
    if kind == 'Momentum':
        optimizer = torch.optim.SGD(parameters, lr=spec['lr'], momentum=spec['momentum'])
        return optimizer.step
    if kind == 'Adam':
        optimizer = torch.optim.Adam(parameters, lr=spec['lr'], betas=(spec['beta1'], spec['beta2']), eps=spec['eps'])
        return optimizer.step
    state = {'t': 0, 'm': [torch.zeros_like(p) for p in parameters], 'v': [torch.zeros_like(p) for p in parameters]}

    @torch.no_grad()
    def step():
        state['t'] += 1
        t = state['t']
        for p, m, v in zip(parameters, state['m'], state['v']):
            g = p.grad
            if kind == 'RMSProp':
                v.mul_(spec['beta']).add_((1 - spec['beta']) * g * g)
                p.sub_(spec['lr'] * g / torch.sqrt(v + spec['eps']))
            else:  # Nadam: w -= lr (b1 mhat + (1-b1) g / (1-b1^t)) / (sqrt(vhat) + eps)
                b1, b2 = spec['beta1'], spec['beta2']
                m.mul_(b1).add_((1 - b1) * g)
                v.mul_(b2).add_((1 - b2) * g * g)
                c1, c2 = 1 - b1 ** t, 1 - b2 ** t
                numerator = b1 * m / c1 + (1 - b1) * g / c1
                p.sub_(spec['lr'] * numerator / (torch.sqrt(v / c2) + spec['eps']))
    return step


def main():
    rng = np.random.RandomState(11)
    x = rng.uniform(-1, 1, [SAMPLES] + INPUT_SHAPE).astype(np.float32)
    labels = (np.arange(SAMPLES) % CLASSES).astype(np.int64)
    rng.shuffle(labels)
    # the initial tensors: PyTorch's own initialisation from a fixed seed, rounded to float32
    torch.manual_seed(3)
    initial = torch_network()
    initial_tensors = file_tensors(initial, initial[1].running_var)

    runs = []
    for spec in OPTIMIZERS:
        network = torch_network()
        network.load_state_dict(initial.state_dict())
        parameters = list(network.parameters())
        update = make_update(spec, parameters)
        bn = network[1]
        running_var = bn.running_var.clone()

        def record_variance(_module, inputs):
            batch_variance = inputs[0].detach().var(dim=(0, 2, 3), unbiased=False)
            running_var.mul_(1 - bn.momentum).add_(bn.momentum * batch_variance)

        bn.register_forward_pre_hook(record_variance)
        loss_fn = torch.nn.CrossEntropyLoss()
        epochs = []
        for _ in range(EPOCHS):
            for start in range(0, SAMPLES, BATCH_SIZE):
                xb = torch.from_numpy(x[start:start + BATCH_SIZE])
                yb = torch.from_numpy(labels[start:start + BATCH_SIZE])
                for p in parameters:
                    p.grad = None
                loss_fn(network(xb), yb).backward()
                update()
            epochs.append(file_tensors(network, running_var))
        runs.append({'optimizer': spec, 'epochs': epochs})

    fixture = {
        'inputShape': INPUT_SHAPE,
        'batchSize': BATCH_SIZE,
        'layers': LAYERS,
        'x': x.astype(np.float64).ravel().tolist(),
        'labels': labels.tolist(),
        'classes': CLASSES,
        'initial': initial_tensors,
        'runs': runs,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture) + '\n', encoding='utf-8')
    print(f'wrote {OUT.relative_to(OUT.parents[3])}')


if __name__ == '__main__':
    main()
