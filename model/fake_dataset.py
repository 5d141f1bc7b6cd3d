#!/usr/bin/python3
"""Crude stand-in for `./shoal dataset`, for smoke-testing the training pipeline only.

    /usr/bin/python3 model/fake_dataset.py --out /tmp/shoal-fake --count 600 --seed 1

Writes DIR/labels.csv + DIR/images/NNNNNN.jpg (640x480) in the renderer's format.
The pictures are cartoons (coloured ellipses); never train a real model on them.
"""

import argparse
import csv
import os
import random

from PIL import Image, ImageDraw, ImageFilter

SPECIES = ["atlantic_salmon", "rainbow_trout", "nile_tilapia",
           "european_seabass", "gilthead_seabream"]
CONDITIONS = ["healthy", "lesion", "sea_lice", "fin_damage", "dead"]
# body colour (back), belly colour, length/height ratio
LOOK = {
    "atlantic_salmon": ((120, 130, 150), (225, 225, 230), 3.6),
    "rainbow_trout": ((110, 120, 80), (230, 170, 170), 3.4),
    "nile_tilapia": ((110, 110, 100), (170, 170, 160), 2.4),
    "european_seabass": ((140, 150, 160), (235, 235, 235), 3.2),
    "gilthead_seabream": ((170, 170, 180), (210, 210, 215), 2.0),
}
W, H = 640, 480


def draw_frame(rng, species, condition):
    water = (rng.randint(10, 40), rng.randint(60, 110), rng.randint(80, 140))
    img = Image.new("RGB", (W, H), water)
    d = ImageDraw.Draw(img)
    for y in range(0, H, 8):  # light from above
        k = 1.0 - 0.5 * y / H
        d.rectangle([0, y, W, y + 8], fill=tuple(int(c * k + 20 * (1 - y / H)) for c in water))
    for _ in range(rng.randint(20, 80)):  # particles
        x, y = rng.randrange(W), rng.randrange(H)
        r = rng.randint(1, 3)
        d.ellipse([x - r, y - r, x + r, y + r], fill=(150, 170, 170))
    if species != "no_fish":
        back, belly, ratio = LOOK[species]
        L = rng.randint(180, 360)
        Hh = int(L / ratio)
        fish = Image.new("RGBA", (L + L // 3, Hh * 2), (0, 0, 0, 0))
        f = ImageDraw.Draw(fish)
        cy = Hh
        tail_x = L // 3
        if condition == "fin_damage":
            f.polygon([(tail_x + 5, cy), (tail_x // 2, cy - Hh // 5), (tail_x // 2, cy + Hh // 6)], fill=back)
        else:
            f.polygon([(tail_x + 5, cy), (0, cy - Hh // 2), (0, cy + Hh // 2)], fill=back)
            f.polygon([(L // 2 + tail_x, cy - Hh // 2 + 2), (L // 2 + tail_x + L // 8, cy - Hh),
                       (L // 2 + tail_x + L // 5, cy - Hh // 2 + 2)], fill=back)
        f.ellipse([tail_x, cy - Hh // 2, tail_x + L, cy + Hh // 2], fill=back)
        f.chord([tail_x, cy - Hh // 2, tail_x + L, cy + Hh // 2], 0, 180, fill=belly)
        if species == "rainbow_trout":
            f.rectangle([tail_x + L // 6, cy - 3, tail_x + 5 * L // 6, cy + 3], fill=(200, 90, 120))
        if species == "atlantic_salmon":
            for _ in range(12):
                x = rng.randint(tail_x + L // 5, tail_x + 4 * L // 5)
                y = rng.randint(cy - Hh // 3, cy - 2)
                f.text((x, y), "x", fill=(30, 30, 40))
        if species == "nile_tilapia":
            for k in range(6):
                x = tail_x + L // 6 + k * L // 9
                f.line([x, cy - Hh // 2 + 4, x, cy + Hh // 3], fill=(70, 70, 60), width=5)
        if species == "gilthead_seabream":
            f.line([tail_x + 4 * L // 5, cy - Hh // 3, tail_x + 4 * L // 5, cy], fill=(220, 180, 40), width=6)
        f.ellipse([tail_x + L - L // 8, cy - Hh // 6, tail_x + L - L // 8 + 10, cy - Hh // 6 + 10],
                  fill=(10, 10, 10))
        if condition == "lesion":
            for _ in range(rng.randint(1, 3)):
                x = rng.randint(tail_x + L // 5, tail_x + 4 * L // 5)
                y = rng.randint(cy - Hh // 4, cy + Hh // 4)
                r = rng.randint(L // 25, L // 12)
                f.ellipse([x - r, y - r, x + r, y + r], fill=(190, 50, 50))
        if condition == "sea_lice":
            for _ in range(rng.randint(6, 14)):
                x = rng.randint(tail_x + L // 6, tail_x + 5 * L // 6)
                y = rng.randint(cy - Hh // 3, cy + Hh // 3)
                f.ellipse([x - 5, y - 4, x + 5, y + 4], fill=(90, 60, 20))
        if rng.random() < 0.5:
            fish = fish.transpose(Image.FLIP_LEFT_RIGHT)
        if condition == "dead":
            fish = fish.transpose(Image.FLIP_TOP_BOTTOM)
        fish = fish.rotate(rng.uniform(-12, 12), expand=True)
        x = rng.randint(-fish.width // 4, W - 3 * fish.width // 4)
        y = (rng.randint(H - fish.height, H - fish.height // 2) if condition == "dead"
             else rng.randint(-fish.height // 4, H - 3 * fish.height // 4))
        img.paste(fish, (x, y), fish)
    return img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 2.0)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    os.makedirs(os.path.join(args.out, "images"), exist_ok=True)
    with open(os.path.join(args.out, "labels.csv"), "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "species", "condition", "seed"])
        for i in range(args.count):
            frame_seed = args.seed * 1_000_003 + i
            rng = random.Random(frame_seed)
            if rng.random() < 0.15:
                sp, co = "no_fish", "none"
            else:
                sp, co = rng.choice(SPECIES), rng.choice(CONDITIONS)
            rel = f"images/{i:06d}.jpg"
            draw_frame(rng, sp, co).save(os.path.join(args.out, rel), quality=90)
            w.writerow([rel, sp, co, frame_seed])
    print(f"wrote {args.count} frames to {args.out}")


if __name__ == "__main__":
    main()
