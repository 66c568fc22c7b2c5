#!/usr/bin/env bash
# The project's Python environment in .venv: PyTorch (CPU) and NumPy, for the scripts in scripts/reference/ that
# compute the reference values the tests compare with and the bench's PyTorch rows, onnx, whose checker the ONNX
# export tests run (scripts/check-onnx.py), and Pillow, which the PyTorch export tests' scripts read image folders
# with. Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  echo "python-env: creating .venv"
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r scripts/python-requirements.txt
echo "python-env: ready ($(.venv/bin/python -c 'import onnx, torch, PIL; print("torch", torch.__version__, "onnx", onnx.__version__, "pillow", PIL.__version__)'))"
