#!/usr/bin/python3
"""Train Shoal's fish-health CNN on frames rendered by `./shoal dataset`, export ONNX.

    /usr/bin/python3 model/train.py --data DIR [DIR ...] --minutes 15
        [--epochs 40] [--out cluster-node/src/main/resources/shoal-model]
        [--eval-data HELDOUT_DIR --report model/eval-report.md]

The --minutes budget covers the training loop (including per-epoch validation),
not the one-off JPEG decoding (cached under model/cache/) or the export. The
learning-rate schedule runs on progress = max(step / max_steps, elapsed / budget),
so it anneals to its end exactly when the budget or --epochs runs out, whichever
comes first, even if the machine gets slower or faster half way.
"""

import argparse
import datetime
import math
import os
import sys
import time

# libgomp's default busy-waiting collapses throughput (3x measured) as soon as anything
# else runs on this 2-core machine; passive waiting costs nothing when it is idle.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402


def _keep_heap():
    """Stop glibc from mmap/munmap-ing every ~10 MB batch buffer: that page-faulted
    ~15k times per step and cost ~15% of the step time in the kernel."""
    try:
        import ctypes
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 256 << 20)  # M_MMAP_THRESHOLD
        libc.mallopt(-1, 512 << 20)  # M_TRIM_THRESHOLD
    except (OSError, AttributeError):
        pass
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dataset import (CONDITIONS, NO_FISH, SPECIES, channel_stats, describe_seeds,  # noqa: E402
                     frame_means, load_many)
from evaluate import DEFAULT_CHECKPOINT, compute_metrics, evaluate, predict  # noqa: E402
from export import DEFAULT_OUT, export  # noqa: E402
from net import ShoalNet, count_macs, count_parameters  # noqa: E402


def split_indices(seeds, val_frac, rng):
    """Validation split. Frames sharing a seed stay on one side (if seeds are per scene);
    with per-frame seeds this is a plain random split."""
    n = len(seeds)
    uniq = np.unique(seeds)
    if len(uniq) >= 20:
        val_seeds = rng.permutation(uniq)[:max(1, int(round(val_frac * len(uniq))))]
        val_mask = np.isin(seeds, val_seeds)
        how = f"by seed ({len(val_seeds)} of {len(uniq)} seeds)"
    else:
        val_mask = np.zeros(n, dtype=bool)
        val_mask[rng.permutation(n)[:max(1, int(round(val_frac * n)))]] = True
        how = f"random frames (only {len(uniq)} distinct seeds)"
    return np.flatnonzero(~val_mask), np.flatnonzero(val_mask), how


class Augment:
    """Cheap, label-preserving batch augmentation on uint8 frames -> normalised float.

    Horizontal flip (fish swim either way), +-shift pixels of translation (edge
    padded), small brightness / contrast / per-channel colour-cast jitter. Never a
    vertical flip: belly-up is the main cue for `dead`. Done in numpy (single
    threaded, no OpenMP overhead) and fused into one multiply-add per pixel.
    """

    def __init__(self, mean, std, frame_means, shift=4, brightness=0.08, contrast=0.2, color=0.05,
                 seed=0):
        self.mean = np.asarray(mean, dtype=np.float32).reshape(1, 3, 1, 1)
        self.std = np.asarray(std, dtype=np.float32).reshape(1, 3, 1, 1)
        self.lo, self.hi = -self.mean / self.std, (1.0 - self.mean) / self.std
        self.frame_means = frame_means
        self.shift, self.brightness, self.contrast, self.color = shift, brightness, contrast, color
        self.rng = np.random.default_rng(seed + 1)

    def __call__(self, images, idx):
        """images: uint8 (N,3,H,W) numpy; idx: frame indices -> float (B,3,H,W) channels_last."""
        b = len(idx)
        u = images[idx]
        flip = self.rng.random(b) < 0.5
        s = self.shift
        if s > 0:
            h, w = u.shape[2], u.shape[3]
            padded = np.pad(u, ((0, 0), (0, 0), (s, s), (s, s)), mode="edge")
            off = self.rng.integers(0, 2 * s + 1, size=(b, 2))
            for i in range(b):
                crop = padded[i, :, off[i, 0]:off[i, 0] + h, off[i, 1]:off[i, 1] + w]
                u[i] = crop[..., ::-1] if flip[i] else crop
        else:
            u[flip] = u[flip][..., ::-1]
        r = self.rng.uniform
        gain = 1.0 + self.color * r(-1, 1, size=(b, 3, 1, 1))
        contrast = 1.0 + self.contrast * r(-1, 1, size=(b, 1, 1, 1))
        bright = self.brightness * r(-1, 1, size=(b, 1, 1, 1))
        m = self.frame_means[idx].reshape(b, 1, 1, 1)
        # y = (x*gain - m)*contrast + m + bright on x in [0,1], then (y - mean)/std
        scale = (gain * contrast / (255.0 * self.std)).astype(np.float32)
        offset = ((m * (1.0 - contrast) + bright - self.mean) / self.std).astype(np.float32)
        z = np.multiply(u, scale, dtype=np.float32)
        z += offset
        np.clip(z, self.lo, self.hi, out=z)
        return torch.from_numpy(z).contiguous(memory_format=torch.channels_last)


def lr_at(progress, base_lr, warmup=0.03, final_frac=0.01):
    """Linear warm-up then cosine decay to final_frac * base_lr, on progress in [0, 1]."""
    if progress < warmup:
        return base_lr * (0.05 + 0.95 * progress / warmup)
    p = min(1.0, (progress - warmup) / (1.0 - warmup))
    return base_lr * (final_frac + (1 - final_frac) * 0.5 * (1 + math.cos(math.pi * p)))


def class_counts(species, condition):
    sp = np.bincount(species, minlength=len(SPECIES))
    fish = species != NO_FISH
    co = np.bincount(condition[fish], minlength=len(CONDITIONS))
    return ("species " + ", ".join(f"{n}={c}" for n, c in zip(SPECIES, sp)) +
            "; condition (fish) " + ", ".join(f"{n}={c}" for n, c in zip(CONDITIONS, co)))


def fmt_metrics(m):
    return (f"species acc {100 * m['species_acc_all']:.1f}% (fish {100 * m['species_acc_fish']:.1f}%), "
            f"condition acc (fish) {100 * m['condition_acc_fish']:.1f}%, "
            f"no-fish recall {100 * m['no_fish_recall']:.1f}%, fish missed {100 * m['fish_missed']:.1f}%")


def train(args):
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    data = load_many(args.data, workers=args.workers)
    images = data["images"]
    species, condition = data["species"], data["condition"]
    n = len(images)
    print(f"{n} frames: {class_counts(species, condition)}", flush=True)

    tr_idx, va_idx, how = split_indices(data["seed"], args.val_frac, rng)
    print(f"split: {len(tr_idx)} train / {len(va_idx)} validation, {how}", flush=True)
    mean, std = channel_stats(images, tr_idx)
    print(f"train mean {np.round(mean, 4).tolist()} std {np.round(std, 4).tolist()}", flush=True)

    va_images = images[va_idx]
    augment = Augment(mean, std, frame_means(images), shift=args.shift, seed=args.seed)

    net = ShoalNet(dropout=args.dropout)
    params = count_parameters(net)
    macs = count_macs(net)
    print(f"ShoalNet layers {net.layers}: {params} parameters, {macs / 1e6:.1f} M MACs/image", flush=True)
    net = net.to(memory_format=torch.channels_last)
    decay = [p for p in net.parameters() if p.ndim > 1]
    no_decay = [p for p in net.parameters() if p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr)

    batch = min(args.batch, len(tr_idx))
    steps_per_epoch = max(1, len(tr_idx) // batch)  # drop the ragged last batch
    max_steps = args.epochs * steps_per_epoch
    budget = args.minutes * 60.0
    os.makedirs(os.path.dirname(os.path.abspath(args.checkpoint)), exist_ok=True)

    training_meta = {"frames": n, "seeds": args.seeds or describe_seeds(data["seed_strings"], args.data),
                     "parameters": params, "data": args.data, "batch": batch, "lr": args.lr}
    best = None
    step = 0
    epoch = 0
    t_start = time.time()
    t_first = None
    done = False
    while not done:
        epoch += 1
        net.train()
        perm = tr_idx[rng.permutation(len(tr_idx))]
        sums = np.zeros(3)
        count = 0
        for b in range(steps_per_epoch):
            progress = max(step / max_steps, (time.time() - t_start) / budget)
            if progress >= 1.0:
                done = True
                break
            lr = lr_at(progress, args.lr)
            for g in opt.param_groups:
                g["lr"] = lr
            idx = perm[b * batch:(b + 1) * batch]
            x = augment(images, idx)
            ys, yc = torch.from_numpy(species[idx]), torch.from_numpy(condition[idx])
            ls, lc = net(x)
            loss_s = F.cross_entropy(ls, ys, label_smoothing=args.label_smoothing)
            fish = ys != NO_FISH
            if fish.any():
                loss_c = F.cross_entropy(lc[fish], yc[fish], label_smoothing=args.label_smoothing)
            else:
                loss_c = ls.new_zeros(())
            loss = loss_s + args.condition_weight * loss_c
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
            sums += [loss.item(), loss_s.item(), loss_c.item()]
            count += 1
            if step == 3:
                t_first = time.time()
            elif step == 23:
                per_step = (time.time() - t_first) / 20
                fit = int((budget - (time.time() - t_start)) / per_step) + step
                print(f"timing: {per_step * 1000:.0f} ms/step = {batch / per_step:.0f} images/s; "
                      f"~{min(fit, max_steps)} of {max_steps} steps "
                      f"(~{min(fit, max_steps) / steps_per_epoch:.1f} epochs of {steps_per_epoch}) "
                      f"fit in {args.minutes:g} min", flush=True)
        if count == 0:
            epoch -= 1
            if best is None and step == 0:
                raise SystemExit("budget too small for a single step")
            break
        if step >= max_steps:
            done = True
        # validation
        t_val = time.time()
        sp, co = predict(net, va_images, mean, std)
        m = compute_metrics(species[va_idx], condition[va_idx], sp, co)
        frac = "" if count == steps_per_epoch else f" (partial: {count}/{steps_per_epoch} steps)"
        elapsed = time.time() - t_start
        print(f"epoch {epoch}{frac} step {step} lr {lr:.2e} loss {sums[0] / count:.3f} "
              f"(species {sums[1] / count:.3f}, condition {sums[2] / count:.3f}) | val {fmt_metrics(m)} "
              f"| {elapsed / 60:.1f} min, val {time.time() - t_val:.1f}s", flush=True)
        net.train()
        if best is None or m["score"] >= best["score"]:
            best = dict(m, epoch=epoch)
            state = {k: v.detach().clone().contiguous() for k, v in net.state_dict().items()}
            torch.save({"state_dict": state, "layers": net.layers, "dropout": args.dropout,
                        "mean": mean.tolist(), "std": std.tolist(),
                        "species": SPECIES, "conditions": CONDITIONS,
                        "epoch": epoch, "step": step, "val": m, "training": dict(training_meta)},
                       args.checkpoint)

    minutes = (time.time() - t_start) / 60
    images_per_s = step * batch / (time.time() - t_start)
    print(f"trained {step} steps / {epoch} epochs in {minutes:.1f} min "
          f"({images_per_s:.0f} images/s incl. validation); best epoch {best['epoch']}: "
          f"{fmt_metrics(best)}", flush=True)
    # Final training facts go into the best checkpoint (they describe the whole run).
    ckpt = torch.load(args.checkpoint, map_location="cpu")
    ckpt["training"].update(epochs=epoch, minutes=round(minutes, 1),
                            trainedAt=datetime.datetime.now(datetime.timezone.utc)
                            .replace(microsecond=0).isoformat().replace("+00:00", "Z"))
    torch.save(ckpt, args.checkpoint)
    print(f"best checkpoint: {args.checkpoint}", flush=True)
    return va_images[:8], mean, std


def main(argv=None):
    torch.set_num_threads(2)
    _keep_heap()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", nargs="+", required=True, help="data set dir(s) with labels.csv")
    ap.add_argument("--minutes", type=float, default=15.0, help="training-loop time budget")
    ap.add_argument("--epochs", type=int, default=40, help="maximum number of epochs")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=3e-3, help="peak AdamW learning rate")
    ap.add_argument("--weight-decay", type=float, default=0.02)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--label-smoothing", type=float, default=0.05)
    ap.add_argument("--condition-weight", type=float, default=1.0)
    ap.add_argument("--shift", type=int, default=4, help="max random translation in pixels (0: off)")
    ap.add_argument("--val-frac", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2, help="JPEG decoding processes")
    ap.add_argument("--checkpoint", default=DEFAULT_CHECKPOINT, help="where the best checkpoint goes")
    ap.add_argument("--out", default=DEFAULT_OUT, help="directory for model.onnx + manifest.json")
    ap.add_argument("--no-export", action="store_true", help="skip the ONNX export")
    ap.add_argument("--model-version", default="1.0.0")
    ap.add_argument("--seeds", help='manifest "seeds" text, e.g. "set seed 1, 30000 frames" '
                    "(default: described from labels.csv)")
    ap.add_argument("--eval-data", nargs="+", help="held-out data set dir(s) to evaluate afterwards")
    ap.add_argument("--report", help="with --eval-data: write the markdown report here")
    args = ap.parse_args(argv)

    val_sample, mean, std = train(args)
    if not args.no_export:
        x = (val_sample.astype(np.float32) / 255.0 - mean.reshape(1, 3, 1, 1)) / std.reshape(1, 3, 1, 1)
        export(args.checkpoint, args.out, args.model_version, verify_inputs=x)
    if args.eval_data:
        evaluate(args.eval_data, args.checkpoint, args.report, args.workers)


if __name__ == "__main__":
    main()
