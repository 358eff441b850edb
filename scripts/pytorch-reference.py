#!/usr/bin/python3
"""PyTorch reference for the training benchmark: the same VAE (784-512-384-256-10, ReLU, Bernoulli likelihood with
logits, closed-form KL, Adam 1e-3, batch 100) on Fashion-MNIST, reporting examples/s per epoch and the test ELBO.
With --conv 32,64 the convolutional model of `TrainingBenchmark --conv 32,64`: 3x3 convolutions of stride 2 to
14x14x32 and 7x7x64, a dense layer of 256 and the latent layer of 10, mirrored by a dense layer back to 7x7x64 and
transposed convolutions (ReLU between all layers). PyTorch has no asymmetric SAME padding for stride 2, so it pads
one pixel on each side (output_padding 1 when transposed): the same sizes and products, the kernel shifted by one.

Usage: OPENBLAS_NUM_THREADS=2 OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 scripts/pytorch-reference.py \
           --torch-threads 1 --epochs 3 --flush-denormal
Needs Debian's python3-torch, libopenblas0-pthread (else torch runs on the reference BLAS) and dataset-fashion-mnist.
OPENBLAS_CORETYPE=SkylakeX: Debian's OpenBLAS 0.3.21 does not know Sapphire Rapids and otherwise runs SSE3 kernels.
Measure on an otherwise idle machine.
"""
import argparse
import gzip
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def idx(path):
    with gzip.open(path, "rb") as f:
        magic, = struct.unpack(">I", f.read(4))
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


class Vae(nn.Module):
    def __init__(self, sizes=(784, 512, 384, 256), latent=10):
        super().__init__()
        enc, dec = [], []
        for a, b in zip(sizes, sizes[1:]):
            enc += [nn.Linear(a, b), nn.ReLU()]
        rev = sizes[::-1]
        dec_in = latent
        for b in rev[:-1]:
            dec += [nn.Linear(dec_in, b), nn.ReLU()]
            dec_in = b
        dec += [nn.Linear(dec_in, sizes[0])]
        self.enc = nn.Sequential(*enc)
        self.mu = nn.Linear(sizes[-1], latent)
        self.lv = nn.Linear(sizes[-1], latent)
        self.dec = nn.Sequential(*dec)

    def loss(self, x):
        h = self.enc(x)
        return self.elbo_terms(x, h)

    def elbo_terms(self, x, h):
        mu, lv = self.mu(h), self.lv(h)
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        logits = self.dec(z)
        nll = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
        kl = 0.5 * (mu * mu + lv.exp() - 1 - lv).sum(1)
        return nll + kl


class ConvVae(Vae):
    def __init__(self, filters=(32, 64), hidden=256, latent=10):
        nn.Module.__init__(self)
        enc, dec, c, size = [], [], 1, 28
        for f in filters:
            enc += [nn.Conv2d(c, f, 3, stride=2, padding=1), nn.ReLU()]
            c, size = f, (size + 1) // 2
        self.shape = (c, size, size)
        flat = c * size * size
        self.enc = nn.Sequential(*enc, nn.Flatten(), nn.Linear(flat, hidden), nn.ReLU())
        self.mu = nn.Linear(hidden, latent)
        self.lv = nn.Linear(hidden, latent)
        dec += [nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, flat), nn.ReLU(), nn.Unflatten(1, self.shape)]
        outs = list(filters[::-1][1:]) + [1]
        for i, f in enumerate(outs):
            dec += [nn.ConvTranspose2d(c, f, 3, stride=2, padding=1, output_padding=1)]
            if i < len(outs) - 1:
                dec += [nn.ReLU()]
            c = f
        dec += [nn.Flatten()]
        self.dec = nn.Sequential(*dec)

    def loss(self, x):
        return self.elbo_terms(x, self.enc(x.view(-1, 1, 28, 28)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--torch-threads", type=int, default=1)
    p.add_argument("--conv", default=None, help="filters of the convolutional model, e.g. 32,64")
    p.add_argument("--flush-denormal", action="store_true",
                   help="torch.set_flush_denormal(True): without it, epochs after the first slow down")
    a = p.parse_args()
    torch.set_num_threads(a.torch_threads)
    torch.set_flush_denormal(a.flush_denormal)
    torch.manual_seed(42)
    train = torch.tensor(idx(a.data + "/train-images-idx3-ubyte.gz").reshape(-1, 784) / 255.0, dtype=torch.float32)
    test = torch.tensor(idx(a.data + "/t10k-images-idx3-ubyte.gz").reshape(-1, 784) / 255.0, dtype=torch.float32)
    model = ConvVae(tuple(int(f) for f in a.conv.split(","))) if a.conv else Vae()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} torch threads, flush denormals {a.flush_denormal}, "
          f"model {'conv ' + a.conv if a.conv else 'dense'}")
    for epoch in range(1, a.epochs + 1):
        perm = torch.randperm(len(train))
        t0 = time.perf_counter()
        total = 0.0
        for i in range(0, len(train), 100):
            x = train[perm[i:i + 100]]
            loss = model.loss(x).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(x)
        dt = time.perf_counter() - t0
        with torch.no_grad():
            elbo = -torch.cat([model.loss(test[i:i + 1000]) for i in range(0, len(test), 1000)]).mean().item()
        print(f"epoch {epoch}: {len(train) / dt:8.0f} examples/s  loss {total / len(train):7.2f}  test ELBO {elbo:8.2f}")


if __name__ == "__main__":
    main()
