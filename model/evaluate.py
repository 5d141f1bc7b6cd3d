#!/usr/bin/python3
"""Evaluate a trained Shoal checkpoint on a held-out data set; prints markdown.

    /usr/bin/python3 model/evaluate.py DIR [--checkpoint model/checkpoints/shoal-best.pt]
                                           [--report model/eval-report.md]
"""

import argparse
import datetime
import os
import sys

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # see train.py

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dataset import CONDITIONS, MODEL_DIR, NO_FISH, SPECIES, load_many, normalize  # noqa: E402
from net import load_checkpoint  # noqa: E402

DEFAULT_CHECKPOINT = os.path.join(MODEL_DIR, "checkpoints", "shoal-best.pt")


def predict(net, images, mean, std, batch=256):
    """uint8 (N,3,96,128) numpy -> (species_probs, condition_probs) numpy float32."""
    net.eval()
    net = net.to(memory_format=torch.channels_last)
    sp, co = [], []
    with torch.inference_mode():
        for s in range(0, len(images), batch):
            x = torch.from_numpy(normalize(images[s:s + batch], mean, std))
            x = x.contiguous(memory_format=torch.channels_last)
            ls, lc = net(x)
            sp.append(torch.softmax(ls, 1).numpy())
            co.append(torch.softmax(lc, 1).numpy())
    return np.concatenate(sp), np.concatenate(co)


def confusion(true, pred, k):
    return np.bincount(true * k + pred, minlength=k * k).reshape(k, k)


def prf(cm):
    """Per-class precision, recall, F1, support from a confusion matrix (rows = true)."""
    tp = np.diag(cm).astype(np.float64)
    support = cm.sum(1)
    predicted = cm.sum(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(predicted > 0, tp / predicted, np.nan)
        recall = np.where(support > 0, tp / support, np.nan)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), np.nan)
    return precision, recall, f1, support


def compute_metrics(species, condition, species_probs, condition_probs):
    """Headline numbers, as used for validation during training too."""
    sp_pred = species_probs.argmax(1)
    co_pred = condition_probs.argmax(1)
    fish = species != NO_FISH
    nofish = ~fish
    m = {
        "frames": int(len(species)),
        "fish_frames": int(fish.sum()),
        "no_fish_frames": int(nofish.sum()),
        "species_acc_all": float((sp_pred == species).mean()),
        "species_acc_fish": float((sp_pred[fish] == species[fish]).mean()) if fish.any() else float("nan"),
        "condition_acc_fish": (float((co_pred[fish] == condition[fish]).mean())
                               if fish.any() else float("nan")),
        "no_fish_recall": float((sp_pred[nofish] == NO_FISH).mean()) if nofish.any() else float("nan"),
        # fish frames that the model calls empty water
        "fish_missed": float((sp_pred[fish] == NO_FISH).mean()) if fish.any() else float("nan"),
    }
    scores = [v for v in (m["species_acc_all"], m["condition_acc_fish"]) if v == v]
    m["score"] = float(np.mean(scores))
    return m


def _pct(v):
    return "n/a" if v != v else f"{100 * v:.1f}%"


def _f3(v):
    return "n/a" if v != v else f"{v:.3f}"


def _class_table(labels, cm):
    p, r, f, s = prf(cm)
    lines = ["| class | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for i, name in enumerate(labels):
        lines.append(f"| {name} | {_f3(p[i])} | {_f3(r[i])} | {_f3(f[i])} | {int(s[i])} |")
    valid = s > 0
    if valid.any():
        lines.append(f"| *macro avg* | {_f3(np.nanmean(p[valid]))} | {_f3(np.nanmean(r[valid]))} "
                     f"| {_f3(np.nanmean(f[valid]))} | {int(s.sum())} |")
    return lines


def _confusion_table(labels, cm):
    lines = ["| true \\ predicted | " + " | ".join(labels) + " |",
             "|---|" + "---:|" * len(labels)]
    for i, name in enumerate(labels):
        lines.append(f"| **{name}** | " + " | ".join(str(int(v)) for v in cm[i]) + " |")
    return lines


def markdown_report(species, condition, species_probs, condition_probs, title, meta_lines=()):
    m = compute_metrics(species, condition, species_probs, condition_probs)
    sp_pred = species_probs.argmax(1)
    co_pred = condition_probs.argmax(1)
    fish = species != NO_FISH
    cm_sp = confusion(species, sp_pred, len(SPECIES))
    cm_co = confusion(condition[fish], co_pred[fish], len(CONDITIONS))
    out = [f"### {title}", ""]
    out += list(meta_lines)
    if meta_lines:
        out.append("")
    out += [
        "| metric | value |",
        "|---|---:|",
        f"| frames (fish / no fish) | {m['frames']} ({m['fish_frames']} / {m['no_fish_frames']}) |",
        f"| species accuracy, fish frames | {_pct(m['species_acc_fish'])} |",
        f"| species accuracy, all frames (incl. no_fish) | {_pct(m['species_acc_all'])} |",
        f"| condition accuracy, fish frames | {_pct(m['condition_acc_fish'])} |",
        f"| no-fish recall | {_pct(m['no_fish_recall'])} |",
        f"| fish frames predicted as no_fish | {_pct(m['fish_missed'])} |",
        "",
        "#### Species (all frames)",
        "",
    ]
    out += _class_table(SPECIES, cm_sp)
    out += ["", "#### Condition (fish frames)", ""]
    out += _class_table(CONDITIONS, cm_co)
    out += ["", "#### Species confusion matrix (rows: true, columns: predicted)", ""]
    out += _confusion_table(SPECIES, cm_sp)
    out += ["", "#### Condition confusion matrix, fish frames (rows: true, columns: predicted)", ""]
    out += _confusion_table(CONDITIONS, cm_co)
    return "\n".join(out) + "\n", m


def _display_path(path):
    rel = os.path.relpath(os.path.abspath(path))
    return os.path.abspath(path) if rel.startswith("..") else rel


def evaluate(data_dirs, checkpoint, report=None, workers=2, batch=256):
    net, ckpt = load_checkpoint(checkpoint)
    data = load_many(data_dirs, workers=workers, verbose=True)
    sp, co = predict(net, data["images"], ckpt["mean"], ckpt["std"], batch=batch)
    tr = ckpt.get("training", {})
    meta = [
        f"Held-out set: `{', '.join(data_dirs)}`; checkpoint `{_display_path(checkpoint)}` "
        f"(epoch {ckpt.get('epoch', '?')}, {tr.get('parameters', '?')} parameters, "
        f"trained on {tr.get('frames', '?')} frames, seeds {tr.get('seeds', '?')}); "
        f"evaluated {datetime.date.today().isoformat()}.",
    ]
    text, m = markdown_report(data["species"], data["condition"], sp, co,
                              "Evaluation on held-out frames", meta)
    print(text)
    if report:
        os.makedirs(os.path.dirname(os.path.abspath(report)), exist_ok=True)
        with open(report, "w") as f:
            f.write(text)
        print(f"(report written to {report})", file=sys.stderr)
    return m


def main(argv=None):
    torch.set_num_threads(2)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="+", help="held-out data set directory (with labels.csv)")
    ap.add_argument("--checkpoint", default=DEFAULT_CHECKPOINT)
    ap.add_argument("--report", help="also write the markdown to this file")
    ap.add_argument("--workers", type=int, default=2, help="decoding processes (first run only)")
    ap.add_argument("--batch", type=int, default=256)
    args = ap.parse_args(argv)
    evaluate(args.data, args.checkpoint, args.report, args.workers, args.batch)


if __name__ == "__main__":
    main()
