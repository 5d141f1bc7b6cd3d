#!/usr/bin/python3
"""Write the decoder-parity fixture the Java tests compare against (PillowParityTest).

    /usr/bin/python3 model/parity_fixture.py FRAME.jpg [FRAME.jpg ...] --out cluster-node/src/test/resources/parity

For each frame it copies the JPEG and writes NAME.pillow.u8: the uint8 CHW (3 x 96 x 128) array that training
feeds the network, produced by dataset.preprocess_image (Pillow decode, RGB, BOX resize). The Java server must
produce the same pixels from the same bytes, or the model sees different images in training and in service.
"""

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dataset import preprocess_image  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("frames", nargs="+", help="JPEG frames rendered by ./shoal dataset")
    ap.add_argument("--out", required=True, help="fixture directory")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for frame in args.frames:
        name = os.path.splitext(os.path.basename(frame))[0]
        shutil.copyfile(frame, os.path.join(args.out, name + ".jpg"))
        with open(os.path.join(args.out, name + ".pillow.u8"), "wb") as f:
            f.write(preprocess_image(frame).tobytes())
        print(f"wrote {name}.jpg and {name}.pillow.u8")


if __name__ == "__main__":
    main()
