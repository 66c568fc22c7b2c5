"""ONNX files as PyTorch writes them, for the tests of `nnjson import` (test/unit/import/torch-onnx.test.ts).

Run from the repository root, once the project's Python environment exists (bash scripts/python-env.sh):

    .venv/bin/python scripts/reference/onnx-import.py

It writes test/fixtures/onnx/torch-mlp.onnx and torch-lenet.onnx with `torch.onnx.export` (the TorchScript
exporter, opset 17, a dynamic batch dimension), from seeded random weights in eval mode, and checks them with
`onnx.checker.check_model(full_check=True)`. The tests import them and compare the imported model's forward with
onnxruntime's on the same file, so the files are the only reference: no outputs are stored beside them. The MLP
has SiLU (written as x·Sigmoid(x)) and a SoftMax; the LeNet has two convolutions with max and average pooling, a
BatchNorm and a flatten, on 1×16×16 images, small enough to commit.
"""
from pathlib import Path

import onnx
import torch
from torch import nn

OUT = Path(__file__).resolve().parents[2] / 'test' / 'fixtures' / 'onnx'


def mlp():
    return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 12), nn.SiLU(), nn.Linear(12, 3), nn.Softmax(dim=1)), (4,)


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 4, 5, padding=2), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 8, 5), nn.Tanh(), nn.AvgPool2d(2),
        nn.Flatten(), nn.Linear(32, 16), nn.ReLU(), nn.Dropout(0.3), nn.Linear(16, 10),
    ), (1, 16, 16)


def export(name, make):
    torch.manual_seed(7)
    model, shape = make()
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            # non-trivial running statistics, so that the import of BatchNormalization is checked
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 2.0)
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.uniform_(-0.2, 0.2)
    model.eval()
    path = OUT / f'{name}.onnx'
    torch.onnx.export(
        model, (torch.randn(2, *shape),), str(path), dynamo=False, opset_version=17,
        input_names=['input'], output_names=['output'], dynamic_axes={'input': {0: 'N'}, 'output': {0: 'N'}},
    )
    onnx.checker.check_model(onnx.load(str(path)), full_check=True)
    print(f'wrote {path.relative_to(OUT.parents[2])} ({path.stat().st_size} bytes)')


if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    export('torch-mlp', mlp)
    export('torch-lenet', lenet)
