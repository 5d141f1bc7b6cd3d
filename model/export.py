#!/usr/bin/python3
"""Export a Shoal checkpoint to model.onnx + manifest.json (what the Java server loads).

    /usr/bin/python3 model/export.py [--checkpoint model/checkpoints/shoal-best.pt]
                                     [--out cluster-node/src/main/resources/shoal-model]

train.py calls this at the end of training; run it by hand to re-export.
"""

import argparse
import json
import os
import sys

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # see train.py

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dataset import CONDITIONS, HEIGHT, MODEL_DIR, SPECIES, WIDTH  # noqa: E402
from net import ShoalNetProbs, load_checkpoint  # noqa: E402

DEFAULT_OUT = os.path.join(os.path.dirname(MODEL_DIR), "cluster-node", "src", "main",
                           "resources", "shoal-model")
DEFAULT_CHECKPOINT = os.path.join(MODEL_DIR, "checkpoints", "shoal-best.pt")
OPSET = 17
INPUT_NAME = "image"
OUTPUT_NAMES = ["species_probs", "condition_probs"]
DESCRIPTION = ("Small CNN trained on synthetic underwater frames rendered by Shoal's camera "
               "renderer; not validated on real fish.")


def build_manifest(ckpt, version="1.0.0"):
    tr = ckpt["training"]
    return {
        "name": "shoal-fish-health",
        "version": version,
        "description": DESCRIPTION,
        "input": {
            "name": INPUT_NAME, "layout": "NCHW", "channels": 3, "height": HEIGHT, "width": WIDTH,
            "colorOrder": "RGB", "scale": 255.0,
            "mean": [round(float(v), 6) for v in ckpt["mean"]],
            "std": [round(float(v), 6) for v in ckpt["std"]],
        },
        "outputs": {
            "species": {"name": OUTPUT_NAMES[0], "labels": list(SPECIES), "noFishLabel": "no_fish"},
            "condition": {"name": OUTPUT_NAMES[1], "labels": list(CONDITIONS)},
        },
        "training": {
            "frames": int(tr["frames"]),
            "seeds": str(tr["seeds"]),
            "epochs": int(tr["epochs"]),
            "minutes": float(tr["minutes"]),
            "parameters": int(tr["parameters"]),
            "framework": f"torch {'.'.join(torch.__version__.split('.')[:2])} (Debian)",
            "trainedAt": str(tr["trainedAt"]),
        },
    }


# --- minimal protobuf reading, enough to check the exported graph's interface -------------

def _varint(buf, i):
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, i
        shift += 7


def _fields(buf):
    """Yield (field_number, value) of a protobuf message; value is int or bytes."""
    i, n = 0, len(buf)
    while i < n:
        key, i = _varint(buf, i)
        field, wire = key >> 3, key & 7
        if wire == 0:
            val, i = _varint(buf, i)
        elif wire == 1:
            val, i = bytes(buf[i:i + 8]), i + 8
        elif wire == 2:
            ln, i = _varint(buf, i)
            val, i = buf[i:i + ln], i + ln
        elif wire == 5:
            val, i = bytes(buf[i:i + 4]), i + 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        yield field, val


def _value_info(buf):
    """ValueInfoProto -> (name, elem_type, [dim_value or dim_param])."""
    name, elem, dims = None, None, []
    for f, v in _fields(buf):
        if f == 1:
            name = bytes(v).decode()
        elif f == 2:  # TypeProto
            for f2, v2 in _fields(v):
                if f2 == 1:  # TypeProto.Tensor
                    for f3, v3 in _fields(v2):
                        if f3 == 1:
                            elem = v3
                        elif f3 == 2:  # TensorShapeProto
                            for f4, v4 in _fields(v3):
                                if f4 == 1:  # Dimension
                                    d = None
                                    for f5, v5 in _fields(v4):
                                        d = v5 if f5 == 1 else bytes(v5).decode() if f5 == 2 else d
                                    dims.append(d)
    return name, elem, dims


def read_onnx_interface(path):
    """-> dict(opset, inputs, outputs, ops) read straight from the ONNX protobuf."""
    with open(path, "rb") as f:
        buf = memoryview(f.read())
    info = {"opset": None, "inputs": [], "outputs": [], "ops": {}}
    graph = None
    for f, v in _fields(buf):
        if f == 7:
            graph = v
        elif f == 8:  # OperatorSetIdProto
            dom, ver = "", None
            for f2, v2 in _fields(v):
                dom = bytes(v2).decode() if f2 == 1 else dom
                ver = v2 if f2 == 2 else ver
            if dom in ("", "ai.onnx"):
                info["opset"] = ver
    if graph is None:
        raise ValueError(f"{path}: no graph")
    inits = set()
    for f, v in _fields(graph):
        if f == 5:  # initializer TensorProto: name is field 8
            for f2, v2 in _fields(v):
                if f2 == 8:
                    inits.add(bytes(v2).decode())
        elif f == 1:  # NodeProto: op_type is field 4
            for f2, v2 in _fields(v):
                if f2 == 4:
                    op = bytes(v2).decode()
                    info["ops"][op] = info["ops"].get(op, 0) + 1
        elif f == 11:
            info["inputs"].append(_value_info(v))
        elif f == 12:
            info["outputs"].append(_value_info(v))
    info["inputs"] = [i for i in info["inputs"] if i[0] not in inits]
    return info


# --- export --------------------------------------------------------------------------------

def export(checkpoint, out_dir, version="1.0.0", verify_inputs=None):
    """Write out_dir/model.onnx and out_dir/manifest.json, then verify. Returns manifest."""
    net, ckpt = load_checkpoint(checkpoint)
    wrapper = ShoalNetProbs(net).eval()
    os.makedirs(out_dir, exist_ok=True)
    onnx_path = os.path.join(out_dir, "model.onnx")
    tmp_path = onnx_path + ".tmp"
    dummy = torch.zeros(2, 3, HEIGHT, WIDTH)
    with torch.no_grad():
        # torch's exporter runs the ONNX checker on the proto as part of export.
        torch.onnx.export(
            wrapper, (dummy,), tmp_path, opset_version=OPSET, do_constant_folding=True,
            input_names=[INPUT_NAME], output_names=OUTPUT_NAMES,
            dynamic_axes={INPUT_NAME: {0: "N"}, OUTPUT_NAMES[0]: {0: "N"}, OUTPUT_NAMES[1]: {0: "N"}},
            training=torch.onnx.TrainingMode.EVAL)
    verify(tmp_path, wrapper, verify_inputs)
    os.replace(tmp_path, onnx_path)
    manifest = build_manifest(ckpt, version)
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"exported {onnx_path} ({os.path.getsize(onnx_path) / 1024:.0f} KiB) "
          f"and manifest.json", flush=True)
    return manifest


def verify(onnx_path, wrapper, inputs=None):
    """Check names/shapes from the file itself; compare numerically with onnxruntime if present."""
    info = read_onnx_interface(onnx_path)
    float_t = 1  # TensorProto.FLOAT
    expect_in = [(INPUT_NAME, float_t, ["N", 3, HEIGHT, WIDTH])]
    expect_out = [(OUTPUT_NAMES[0], float_t, ["N", len(SPECIES)]),
                  (OUTPUT_NAMES[1], float_t, ["N", len(CONDITIONS)])]
    if info["opset"] != OPSET:
        raise AssertionError(f"opset {info['opset']} != {OPSET}")
    if info["inputs"] != expect_in:
        raise AssertionError(f"ONNX inputs {info['inputs']} != {expect_in}")
    if info["outputs"] != expect_out:
        raise AssertionError(f"ONNX outputs {info['outputs']} != {expect_out}")
    ops = ", ".join(f"{k}x{v}" for k, v in sorted(info["ops"].items()))
    print(f"ONNX interface ok: opset {info['opset']}, input {expect_in[0][0]} [N,3,{HEIGHT},{WIDTH}], "
          f"outputs {OUTPUT_NAMES}; ops: {ops}", flush=True)

    gen = torch.Generator().manual_seed(0)
    x = torch.randn(5, 3, HEIGHT, WIDTH, generator=gen)
    if inputs is not None:
        x = torch.cat([torch.as_tensor(inputs, dtype=torch.float32), x])
    with torch.no_grad():
        ref = [t.numpy() for t in wrapper(x)]
    for r in ref:
        if not np.allclose(r.sum(1), 1.0, atol=1e-4):
            raise AssertionError("torch wrapper outputs are not probabilities")
    try:
        import onnxruntime as ort
    except ImportError:
        print("onnxruntime (python) not installed: numeric check against torch skipped; "
              "interface checked above, torch ran the ONNX checker", flush=True)
        return
    sess = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    worst = 0.0
    for batch in (x[:1], x):  # dynamic batch axis: 1 and many
        got = sess.run(OUTPUT_NAMES, {INPUT_NAME: batch.numpy()})
        for g, r in zip(got, ref):
            worst = max(worst, float(np.abs(g - r[:len(batch)]).max()))
    if worst > 1e-4:
        raise AssertionError(f"onnxruntime differs from torch by {worst:.2e}")
    print(f"onnxruntime {ort.__version__} matches torch on {len(x)} inputs "
          f"(max abs diff {worst:.1e})", flush=True)


def main(argv=None):
    torch.set_num_threads(2)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", default=DEFAULT_CHECKPOINT)
    ap.add_argument("--out", default=DEFAULT_OUT, help="directory for model.onnx + manifest.json")
    ap.add_argument("--model-version", default="1.0.0")
    args = ap.parse_args(argv)
    export(args.checkpoint, args.out, args.model_version)


if __name__ == "__main__":
    main()
