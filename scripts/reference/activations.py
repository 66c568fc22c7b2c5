"""Reference values of the element-wise activations, computed by PyTorch itself, for the engine's tests.

Run from the repository root, once the project's Python environment exists (bash scripts/python-env.sh):

    .venv/bin/python scripts/reference/activations.py

It writes test/fixtures/activations/<name>.json, read by test/unit/engine/activations/<name>.test.ts. Each file
holds, per settings case, the inputs x (float32 values: large negative and positive ones, 0, and both sides of
Softplus's threshold), PyTorch's forward values f(x), an output gradient g and PyTorch's autograd gradient
g * f'(x); and f'(x) and f''(x), with which the tests size the float32 tolerance where f is ill-conditioned.
PyTorch computes them all in float64 from the float32 inputs, so they are the exact values of PyTorch's
definitions to about 1e-16, and the tests measure the engine's float32 error against them.

Settings `{}` construct both PyTorch's module and the engine's with their defaults, so the defaults are
checked too. Adding an activation is one entry in ACTIVATIONS.
"""
import json
from functools import partial
from pathlib import Path

import torch

ACTIVATIONS = {
    'tanh': (torch.nn.Tanh, [{}]),
    'elu': (torch.nn.ELU, [{}, {'alpha': 0.5}]),
    'gelu': (partial(torch.nn.GELU, approximate='tanh'), [{}]),
    'silu': (torch.nn.SiLU, [{}]),
    'softplus': (torch.nn.Softplus, [{}, {'beta': 2.0, 'threshold': 5.0}]),
}

X = [-100, -30, -20.5, -10, -5, -2.5, -1, -0.5, -0.1, -1e-3, 0, 1e-3, 0.1, 0.5, 1, 2.5, 5, 10, 19.5, 20, 20.5, 30, 100]

OUT = Path(__file__).resolve().parents[2] / 'test' / 'fixtures' / 'activations'


def case(make_module, settings):
    x32 = torch.tensor(X, dtype=torch.float32)
    # No output gradient is 0, so that a gradient which ignores it, or is wrong at x = 0, shows.
    g32 = torch.linspace(-1.2, 1.7, len(X), dtype=torch.float32)
    x = x32.double().requires_grad_()
    y = make_module(**settings).double()(x)
    (grad_input,) = torch.autograd.grad(y, x, g32.double(), retain_graph=True)
    (derivative,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    (second_derivative,) = torch.autograd.grad(derivative.sum(), x)
    return {
        'settings': settings,
        'x': x32.double().tolist(),
        'output': y.detach().tolist(),
        'gradOutput': g32.double().tolist(),
        'gradInput': grad_input.tolist(),
        'derivative': derivative.detach().tolist(),
        'secondDerivative': second_derivative.tolist(),
    }


def format_fixture(fixture):
    """JSON with one line per array, so that a regenerated fixture diffs line by line."""
    def format_case(case):
        fields = ',\n'.join(f'   {json.dumps(key)}: {json.dumps(value)}' for key, value in case.items())
        return '  {\n' + fields + '\n  }'
    cases = ',\n'.join(format_case(case) for case in fixture['cases'])
    header = ''.join(f' {json.dumps(key)}: {json.dumps(value)},\n' for key, value in fixture.items() if key != 'cases')
    return '{\n' + header + ' "cases": [\n' + cases + '\n ]\n}\n'


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (make_module, settings_cases) in ACTIVATIONS.items():
        fixture = {
            'generatedBy': 'scripts/reference/activations.py',
            'torch': torch.__version__,
            'cases': [case(make_module, settings) for settings in settings_cases],
        }
        path = OUT / f'{name}.json'
        path.write_text(format_fixture(fixture))
        print(f'wrote {path.relative_to(OUT.parents[2])}')


if __name__ == '__main__':
    main()
