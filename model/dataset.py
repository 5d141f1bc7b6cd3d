"""Shared data handling for Shoal's fish-health model.

Reads a data set exported by the Java renderer (``DIR/labels.csv`` with header
``file,species,condition,seed``), preprocesses every frame exactly as the Java
server does (PIL open -> RGB -> BOX resize to 128x96 -> uint8) and caches the
result under ``model/cache/`` so that decoding happens once per data set.
"""

import csv
import hashlib
import os
import re
import sys
import time
from multiprocessing import Pool

import numpy as np
from PIL import Image

SPECIES = ["atlantic_salmon", "rainbow_trout", "nile_tilapia",
           "european_seabass", "gilthead_seabream", "no_fish"]
CONDITIONS = ["healthy", "lesion", "sea_lice", "fin_damage", "dead"]
NO_FISH = SPECIES.index("no_fish")
NO_CONDITION = -1  # condition index stored for no_fish frames

WIDTH, HEIGHT = 128, 96
# Bump when preprocessing changes so that stale caches are not reused.
PREPROCESS_VERSION = 1

MODEL_DIR = os.path.dirname(os.path.abspath(__file__))
CACHE_DIR = os.path.join(MODEL_DIR, "cache")

_BOX = Image.Resampling.BOX if hasattr(Image, "Resampling") else Image.BOX


def preprocess_image(path):
    """One frame -> uint8 array (3, 96, 128), exactly like the Java server."""
    with Image.open(path) as im:
        im = im.convert("RGB").resize((WIDTH, HEIGHT), _BOX)
        arr = np.asarray(im, dtype=np.uint8)
    return np.ascontiguousarray(arr.transpose(2, 0, 1))


def read_labels(data_dir):
    """Parse DIR/labels.csv -> (relative files, species idx, condition idx, seeds)."""
    path = os.path.join(data_dir, "labels.csv")
    files, species, conditions, seeds = [], [], [], []
    sp_index = {s: i for i, s in enumerate(SPECIES)}
    co_index = {c: i for i, c in enumerate(CONDITIONS)}
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        need = {"file", "species", "condition", "seed"}
        if reader.fieldnames is None or not need.issubset(reader.fieldnames):
            raise ValueError(f"{path}: header must contain {sorted(need)}, got {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            sp = row["species"].strip()
            co = row["condition"].strip()
            if sp not in sp_index:
                raise ValueError(f"{path}:{line}: unknown species {sp!r}")
            if sp == "no_fish":
                if co not in ("none", ""):
                    print(f"warning: {path}:{line}: no_fish frame with condition {co!r}; ignored",
                          file=sys.stderr)
                ci = NO_CONDITION
            else:
                if co not in co_index:
                    raise ValueError(f"{path}:{line}: unknown condition {co!r} for species {sp}")
                ci = co_index[co]
            files.append(row["file"].strip())
            species.append(sp_index[sp])
            conditions.append(ci)
            seeds.append(row["seed"].strip())
    if not files:
        raise ValueError(f"{path}: no rows")
    return (files, np.asarray(species, dtype=np.int64),
            np.asarray(conditions, dtype=np.int64), seeds)


def _cache_key(data_dir, files):
    h = hashlib.sha1()
    h.update(f"v{PREPROCESS_VERSION} {WIDTH}x{HEIGHT}\n".encode())
    h.update(os.path.realpath(data_dir).encode() + b"\n")
    with open(os.path.join(data_dir, "labels.csv"), "rb") as f:
        h.update(f.read())
    # Cheap change detection for re-rendered images with an identical labels.csv.
    for rel in files:
        st = os.stat(os.path.join(data_dir, rel))
        h.update(f"{st.st_size} {st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def _seeds_array(seeds):
    try:
        return np.asarray([int(s) for s in seeds], dtype=np.int64)
    except ValueError:
        # Non-numeric seeds: map each distinct string to a stable integer.
        return np.asarray([int(hashlib.sha1(s.encode()).hexdigest()[:15], 16) for s in seeds],
                          dtype=np.int64)


def _drop_stale_entries(cache_dir, name, keep):
    """Keep the cache bounded: one entry per data directory (a re-render replaces its ~1 GB entry).

    Only finished entries match; a concurrent decoder's .tmp files are left alone."""
    ours = re.compile(re.escape(name) + r"-[0-9a-f]{16}\.(images\.npy|labels\.npz)$")
    for entry in os.listdir(cache_dir):
        path = os.path.join(cache_dir, entry)
        if ours.match(entry) and not path.startswith(keep + "."):
            os.remove(path)


def load_dataset(data_dir, workers=2, cache_dir=CACHE_DIR, verbose=True):
    """Return dict(images=uint8 N x 3 x 96 x 128, species, condition, seed, files).

    Decodes with a Pool(workers) on the first call and caches the result as .npy
    under cache_dir, keyed by the data directory and its contents.
    """
    data_dir = os.path.abspath(data_dir)
    files, species, conditions, seeds = read_labels(data_dir)
    key = _cache_key(data_dir, files)
    # The directory's name for readers, a hash of its full path so /a/train and /b/train keep separate entries.
    name = "{}-{}".format(os.path.basename(os.path.normpath(data_dir)) or "data",
                          hashlib.sha1(os.path.realpath(data_dir).encode()).hexdigest()[:8])
    base = os.path.join(cache_dir, f"{name}-{key}")
    img_path, lab_path = base + ".images.npy", base + ".labels.npz"

    if not (os.path.exists(img_path) and os.path.exists(lab_path)):
        os.makedirs(cache_dir, exist_ok=True)
        n = len(files)
        if verbose:
            print(f"decoding {n} frames from {data_dir} with {workers} processes "
                  f"-> {img_path}", flush=True)
        tmp_img = img_path + f".tmp{os.getpid()}.npy"
        out = np.lib.format.open_memmap(tmp_img, mode="w+", dtype=np.uint8,
                                        shape=(n, 3, HEIGHT, WIDTH))
        paths = [os.path.join(data_dir, rel) for rel in files]
        t0 = time.time()
        try:
            with Pool(workers) as pool:
                for i, arr in enumerate(pool.imap(preprocess_image, paths, chunksize=32)):
                    out[i] = arr
                    if verbose and (i + 1) % 2000 == 0:
                        rate = (i + 1) / (time.time() - t0)
                        print(f"  {i + 1}/{n} frames ({rate:.0f}/s)", flush=True)
            out.flush()
            del out
            os.replace(tmp_img, img_path)
        except BaseException:
            if os.path.exists(tmp_img):
                os.remove(tmp_img)
            raise
        tmp_lab = base + f".tmp{os.getpid()}.labels.npz"
        np.savez(tmp_lab, species=species, condition=conditions,
                 seed=_seeds_array(seeds), files=np.asarray(files))
        os.replace(tmp_lab, lab_path)
        _drop_stale_entries(cache_dir, name, keep=base)
        if verbose:
            print(f"decoded {n} frames in {time.time() - t0:.1f}s", flush=True)
    elif verbose:
        print(f"using cached frames {img_path}", flush=True)

    images = np.load(img_path)  # fully in memory: ~37 KB per frame
    labels = np.load(lab_path)
    return {
        "images": images,
        "species": labels["species"],
        "condition": labels["condition"],
        "seed": labels["seed"],
        "seed_strings": seeds,
        "files": list(labels["files"]),
        "dir": data_dir,
    }


def load_many(data_dirs, workers=2, verbose=True):
    """Concatenate several data sets (e.g. rendered with different seeds)."""
    parts = [load_dataset(d, workers=workers, verbose=verbose) for d in data_dirs]
    if len(parts) == 1:
        return parts[0]
    return {
        "images": np.concatenate([p["images"] for p in parts]),
        "species": np.concatenate([p["species"] for p in parts]),
        "condition": np.concatenate([p["condition"] for p in parts]),
        "seed": np.concatenate([p["seed"] for p in parts]),
        "seed_strings": [s for p in parts for s in p["seed_strings"]],
        "files": [os.path.join(p["dir"], f) for p in parts for f in p["files"]],
        "dir": ";".join(p["dir"] for p in parts),
    }


def describe_seeds(seed_strings, data_dirs=()):
    """Short human description of the seed column for the manifest.

    The renderer derives each frame's seed from the set seed (`--seed S`), which
    labels.csv does not record: pass train.py --seeds to name it in the manifest.
    """
    uniq = sorted(set(seed_strings))
    where = f" in {', '.join(os.path.basename(os.path.normpath(d)) for d in data_dirs)}" if data_dirs else ""
    try:
        nums = sorted(int(s) for s in uniq)
    except ValueError:
        nums = None
    if nums and len(nums) > 1 and nums[-1] - nums[0] + 1 == len(nums):
        return f"{nums[0]}-{nums[-1]}{where}"
    if len(uniq) <= 3:
        return ", ".join(uniq) + where
    return f"{len(uniq)} distinct per-frame seeds{where}"


def channel_stats(images, idx=None, chunk=1024):
    """Exact per-channel mean/std on [0,1] values via per-channel histograms."""
    idx = np.arange(len(images)) if idx is None else np.asarray(idx)
    hist = np.zeros((3, 256), dtype=np.int64)
    for s in range(0, len(idx), chunk):
        block = images[np.sort(idx[s:s + chunk])]
        for c in range(3):
            hist[c] += np.bincount(block[:, c].ravel(), minlength=256)
    v = np.arange(256, dtype=np.float64) / 255.0
    n = hist.sum(axis=1)
    mean = (hist * v).sum(axis=1) / n
    var = (hist * v ** 2).sum(axis=1) / n - mean ** 2
    return mean, np.sqrt(np.maximum(var, 1e-12))


def frame_means(images, chunk=1024):
    """Mean of every frame on [0,1] (all channels), float32 (N,)."""
    out = np.empty(len(images), dtype=np.float32)
    per = float(np.prod(images.shape[1:])) * 255.0
    for s in range(0, len(images), chunk):
        block = images[s:s + chunk].reshape(min(chunk, len(images) - s), -1)
        out[s:s + chunk] = block.sum(axis=1, dtype=np.uint32) / per
    return out


def normalize(images_u8, mean, std):
    """uint8 (B,3,H,W) numpy -> float32 numpy (B,3,H,W) of (x/255 - mean)/std."""
    std = np.asarray(std, dtype=np.float32).reshape(1, 3, 1, 1)
    mean = np.asarray(mean, dtype=np.float32).reshape(1, 3, 1, 1)
    z = np.multiply(images_u8, 1.0 / (255.0 * std), dtype=np.float32)
    z -= mean / std
    return z
