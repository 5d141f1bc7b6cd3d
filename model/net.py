"""ShoalNet: a small two-headed CNN for 3x96x128 underwater frames."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from dataset import CONDITIONS, HEIGHT, SPECIES, WIDTH

# (out_channels, stride) of each 3x3 conv + BatchNorm + ReLU.
# Resolution: 96x128 -> 48x64 -> 48x64 -> 24x32 -> 12x16 -> 12x16 -> 6x8.
DEFAULT_LAYERS = [(16, 2), (24, 1), (48, 2), (96, 2), (96, 1), (144, 2)]


def _conv_bn_relu(cin, cout, stride):
    return [nn.Conv2d(cin, cout, 3, stride, 1, bias=False),
            nn.BatchNorm2d(cout),
            nn.ReLU(inplace=True)]


class ShoalNet(nn.Module):
    def __init__(self, layers=None, dropout=0.2):
        super().__init__()
        self.layers = [list(l) for l in (layers or DEFAULT_LAYERS)]
        mods, cin = [], 3
        for cout, stride in self.layers:
            mods += _conv_bn_relu(cin, cout, stride)
            cin = cout
        self.features = nn.Sequential(*mods)
        # Average pool (how much of the frame looks like X) concatenated with max
        # pool (is there a spot of X anywhere: lice, lesions).
        self.avg = nn.AdaptiveAvgPool2d(1)
        self.max = nn.AdaptiveMaxPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.species = nn.Linear(2 * cin, len(SPECIES))
        self.condition = nn.Linear(2 * cin, len(CONDITIONS))
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        """x: normalised float (N,3,96,128) -> (species logits, condition logits)."""
        f = self.features(x)
        f = torch.cat([torch.flatten(self.avg(f), 1), torch.flatten(self.max(f), 1)], 1)
        f = self.dropout(f)
        return self.species(f), self.condition(f)


class ShoalNetProbs(nn.Module):
    """Export wrapper: softmax inside the graph."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        s, c = self.net(image)
        return F.softmax(s, dim=1), F.softmax(c, dim=1)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())


def count_macs(model):
    """Multiply-accumulates of conv + linear layers for one 3x96x128 image."""
    total = 0
    hooks = []

    def conv_hook(m, inp, out):
        nonlocal total
        total += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def lin_hook(m, inp, out):
        nonlocal total
        total += m.in_features * m.out_features

    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(lin_hook))
    was_training = model.training
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 3, HEIGHT, WIDTH))
    model.train(was_training)
    for h in hooks:
        h.remove()
    return total


def load_checkpoint(path):
    """-> (net in eval mode, checkpoint dict)."""
    ckpt = torch.load(path, map_location="cpu")
    net = ShoalNet(layers=ckpt["layers"], dropout=ckpt.get("dropout", 0.2))
    net.load_state_dict(ckpt["state_dict"])
    net.eval()
    return net, ckpt
