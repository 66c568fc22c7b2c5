"""Reference values for training without shuffling, computed with PyTorch.

Run from the project folder, once, after `bash scripts/python-env.sh`:

    .venv/bin/python scripts/reference/unshuffled-training.py

It writes two files that test/unit/training/unshuffled-training.test.ts reads (the test needs no Python):
- test/reference/unshuffled-training.csv: 14 time-ordered rows, three measurements and a class label;
- test/reference/unshuffled-training.json: a model (with its initial weights as plain numbers) that trains on
  that file with `"shuffle": false` and a validation split, and what PyTorch learns from the same start: the
  parameters after every epoch's batches and the per-epoch figures.

What NN Builder does with `"shuffle": false`, done here by hand:
- the last round(rows x validationSplit) rows are held out, as Keras's `validation_split` does (no shuffling);
- `"normalize": "standard"` is fitted on the training rows only (population standard deviation), and the offsets
  and scales are rounded to 7 significant digits, as the file stores them;
- batches follow the file's order: `DataLoader(shuffle=False)`, the last batch smaller;
- SoftMax + CrossEntropy on probabilities is `nn.CrossEntropyLoss` on the logits; Adam as `torch.optim.Adam`;
- the epoch's loss is the mean over the training rows of the batch losses weighted by batch size; the validation
  loss is computed after the epoch, in evaluation mode.
"""
import json
import math
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test" / "reference"
NAME = "unshuffled-training"
CLASSES = ["low", "mid", "high"]
ROWS = 14
EPOCHS = 3
BATCH_SIZE = 4
VALIDATION_SPLIT = 0.2
LR = 0.05
HIDDEN = 5


def data_rows():
    """Time-ordered measurements: the class follows a drifting level, so the order of the rows matters."""
    rng = np.random.RandomState(7)
    rows = []
    for day in range(ROWS):
        temperature = round(10 + day * 0.9 + rng.uniform(-2, 2), 2)
        humidity = round(60 - day * 1.5 + rng.uniform(-5, 5), 2)
        wind = round(rng.uniform(0, 12), 2)
        score = temperature - 0.3 * humidity + 0.2 * wind
        level = CLASSES[0] if score < -2 else CLASSES[1] if score < 4 else CLASSES[2]
        rows.append((day + 1, temperature, humidity, wind, level))
    return rows


def seven_digits(value):
    return float(f"{value:.7g}")


def main():
    torch.manual_seed(0)
    rows = data_rows()
    csv_lines = ["day,temperature,humidity,wind,level"] + [f"{d},{t},{h},{w},{c}" for d, t, h, w, c in rows]
    (OUT / f"{NAME}.csv").write_text("\n".join(csv_lines) + "\n", encoding="utf-8")

    features = np.array([[t, h, w] for _, t, h, w, _ in rows], dtype=np.float32)
    labels = np.array([CLASSES.index(c) for *_, c in rows], dtype=np.int64)
    validation_rows = int(math.floor(ROWS * VALIDATION_SPLIT + 0.5))  # Math.round, as NN Builder rounds
    train_rows = ROWS - validation_rows

    fit = features[:train_rows].astype(np.float64)
    mean = fit.mean(axis=0)
    std = np.sqrt(((fit - mean) ** 2).mean(axis=0))
    offset = np.array([seven_digits(v) for v in mean])
    scale = np.array([seven_digits(v) for v in std])
    x = ((features.astype(np.float64) - offset) / scale).astype(np.float32)

    init = np.random.RandomState(3)
    # NN Builder stores Linear weights as [in, out]; PyTorch's are [out, in]
    w1 = init.uniform(-0.6, 0.6, (3, HIDDEN)).astype(np.float32)
    b1 = init.uniform(-0.1, 0.1, HIDDEN).astype(np.float32)
    w2 = init.uniform(-0.6, 0.6, (HIDDEN, len(CLASSES))).astype(np.float32)
    b2 = init.uniform(-0.1, 0.1, len(CLASSES)).astype(np.float32)

    network = torch.nn.Sequential(torch.nn.Linear(3, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, len(CLASSES)))
    with torch.no_grad():
        network[0].weight.copy_(torch.from_numpy(w1.T.copy()))
        network[0].bias.copy_(torch.from_numpy(b1))
        network[2].weight.copy_(torch.from_numpy(w2.T.copy()))
        network[2].bias.copy_(torch.from_numpy(b2))
    loss_fn = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(network.parameters(), lr=LR, betas=(0.9, 0.999), eps=1e-8)

    x_all = torch.from_numpy(x)
    y_all = torch.from_numpy(labels)
    loader = DataLoader(TensorDataset(x_all[:train_rows], y_all[:train_rows]), batch_size=BATCH_SIZE, shuffle=False)
    x_val, y_val = x_all[train_rows:], y_all[train_rows:]

    def parameters():
        return {
            "fc1": {"W": network[0].weight.detach().numpy().T.ravel().tolist(), "b": network[0].bias.detach().numpy().tolist()},
            "fc2": {"W": network[2].weight.detach().numpy().T.ravel().tolist(), "b": network[2].bias.detach().numpy().tolist()},
        }

    history = []
    for epoch in range(1, EPOCHS + 1):
        network.train()
        loss_sum = 0.0
        correct = 0
        for xb, yb in loader:
            optimizer.zero_grad()
            logits = network(xb)
            loss = loss_fn(logits, yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(xb)
            correct += int((logits.argmax(dim=1) == yb).sum())
        network.eval()
        with torch.no_grad():
            val_logits = network(x_val)
            val_loss = loss_fn(val_logits, y_val).item()
            val_correct = int((val_logits.argmax(dim=1) == y_val).sum())
        history.append({
            "epoch": epoch,
            "loss": loss_sum / train_rows,
            "valLoss": val_loss,
            "accuracy": correct / train_rows,
            "valAccuracy": val_correct / validation_rows,
        })

    def tensor(shape, values):
        return {"shape": shape, "dtype": "float32", "values": [float(v) for v in values]}

    model = {
        "format": "nnjson",
        "version": 1,
        "name": "Unshuffled training reference",
        "description": f"Written by scripts/reference/{NAME}.py; PyTorch {torch.__version__}.",
        "input": {"size": 3},
        "layers": [
            {"type": "Linear", "id": "fc1", "in": 3, "out": HIDDEN},
            {"type": "ReLU", "id": "relu1"},
            {"type": "Linear", "id": "fc2", "in": HIDDEN, "out": len(CLASSES)},
            {"type": "SoftMax", "id": "softmax"},
        ],
        "loss": {"type": "CrossEntropy"},
        "optimizer": {"type": "Adam", "lr": LR},
        "training": {"epochs": EPOCHS, "batchSize": BATCH_SIZE, "shuffle": False, "validationSplit": VALIDATION_SPLIT, "seed": 5},
        "data": {
            "source": f"{NAME}.csv",
            "target": "level",
            "features": ["temperature", "humidity", "wind"],
            "classes": CLASSES,
            "normalize": "standard",
        },
        "parameters": {
            "fc1": {"W": tensor([3, HIDDEN], w1.ravel()), "b": tensor([HIDDEN], b1)},
            "fc2": {"W": tensor([HIDDEN, len(CLASSES)], w2.ravel()), "b": tensor([len(CLASSES)], b2)},
        },
    }
    fixture = {
        "generatedBy": f"scripts/reference/{NAME}.py with PyTorch {torch.__version__} and NumPy {np.__version__}",
        "model": model,
        "expected": {
            "trainRows": train_rows,
            "validationRows": validation_rows,
            "featureOffset": offset.tolist(),
            "featureScale": scale.tolist(),
            "history": history,
            "parameters": parameters(),
        },
    }
    (OUT / f"{NAME}.json").write_text(json.dumps(fixture, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT / (NAME + '.csv')} and {OUT / (NAME + '.json')}")


if __name__ == "__main__":
    main()
