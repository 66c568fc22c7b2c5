"""Checks ONNX files with the ONNX project's own checker, as the export tests do (test/shared/onnx-runtime.ts).

Usage: .venv/bin/python scripts/check-onnx.py FILE.onnx...
Runs onnx.checker.check_model(model, full_check=True) (the schema, every node against its operator at the model's
opset, and shape inference) on each file; prints "ok FILE" per file, or the first problem and exits with 1.
"""
import sys

import onnx


def main(files):
    for path in files:
        try:
            onnx.checker.check_model(onnx.load(path), full_check=True)
        except Exception as error:  # the checker raises several kinds; each names the problem
            print(f"{path}: {error}", file=sys.stderr)
            return 1
        print(f"ok {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
