"""PyTorch CPU on one thread: the native reference rows of `npm run bench` (bench/torch-cases.ts).

The same networks, batch sizes, data sizes and plain SGD as NN Builder's rows of the same benchmark. Run by the
bench from the project's Python environment (scripts/python-env.sh) as `torch_bench.py BENCH`, or for one pass of
a convolution as `torch_bench.py conv PASS N C H W OUT KH KW SH SW PH PW` (PASS: forward, input-grad or
filter-grad, the last with the bias gradient, as in bench/conv-cases.ts); it answers on standard output, one JSON
object per line: {"ready": true} once built, then {"value": samples_per_second} for each {"seconds": S} read from
standard input.
"""
import json
import sys
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)


def mlp():
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    return model, torch.rand(128 * 8, 784), 128


def lenet():
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
    )
    return model, torch.rand(64 * 8, 1, 28, 28), 64


NETWORKS = {"mlp-784-256-128-10": mlp, "lenet-28": lenet}


def training_step(model, inputs, batch):
    """One SGD step on the next batch of `inputs`, with random labels."""
    labels = torch.randint(0, 10, (inputs.shape[0],))
    # CrossEntropyLoss on the logits is the fused softmax and cross-entropy that NN Builder's SoftMax + CrossEntropy runs
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    batches = inputs.shape[0] // batch
    position = 0

    def step():
        nonlocal position
        start = (position % batches) * batch
        position += 1
        optimizer.zero_grad()
        criterion(model(inputs[start:start + batch]), labels[start:start + batch]).backward()
        optimizer.step()

    return step


def convolution_pass(pass_name, n, c, h, w, out, kh, kw, sh, sw, ph, pw):
    """One pass of a convolution on random tensors, as NN Builder's conv rows run it."""
    x = torch.rand(n, c, h, w)
    weight = torch.rand(out, c, kh, kw)
    bias = torch.rand(out)
    stride, padding = (sh, sw), (ph, pw)
    grad_out = torch.rand_like(torch.nn.functional.conv2d(x, weight, bias, stride, padding))
    if pass_name == "forward":
        return lambda: torch.nn.functional.conv2d(x, weight, bias, stride, padding)
    if pass_name == "input-grad":
        return lambda: torch.nn.grad.conv2d_input(x.shape, weight, grad_out, stride, padding)
    if pass_name == "filter-grad":
        return lambda: (torch.nn.grad.conv2d_weight(x, weight.shape, grad_out, stride, padding), grad_out.sum((0, 2, 3)))
    raise SystemExit(f"torch_bench.py: unknown convolution pass {pass_name}: use forward, input-grad or filter-grad")


if sys.argv[1] == "conv":
    sizes = [int(word) for word in sys.argv[3:]]
    step, batch = convolution_pass(sys.argv[2], *sizes), sizes[0]
else:
    model, inputs, batch = NETWORKS[sys.argv[1]]()
    step = training_step(model, inputs, batch)


def measure(seconds):
    for _ in range(3):
        step()
    steps = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        step()
        steps += 1
    return steps * batch / (time.perf_counter() - start)


print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    print(json.dumps({"value": measure(json.loads(line)["seconds"])}), flush=True)
