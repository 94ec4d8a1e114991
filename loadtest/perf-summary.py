#!/usr/bin/env python3
"""CPU per request from `perf script -F comm,tid,ip,sym,dso` of `perf record -g -C <cpu> -F <hz>` (profile-cpu.sh).

Each sample stands for 1/hz s of that CPU. A sample is charged to its thread (comm) and to where its leaf frame was:
the kernel, a native library, or JIT-compiled Java named by package through the perf map. The kernel's own leaf
symbols are listed too (what the system calls and interrupts spend). Idle samples (swapper) are left out.
"""
import argparse
import collections
import re
import sys

JAVA_PACKAGES = [("dev.apigw.", "gateway"), ("io.netty.", "netty"), ("io.vertx.", "vertx"), ("bench.", "floor proxy"),
                 ("io.micrometer.", "micrometer"), ("java.", "jdk"), ("jdk.", "jdk"), ("sun.", "jdk")]
FRAME = re.compile(r"^\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$")


def category(sym, dso):
    if "kernel" in dso or dso.startswith("[vdso]"):
        return "kernel"
    if dso.endswith("libjvm.so"):
        return "jvm (GC, JIT, runtime)"
    if "libc" in dso or "ld-linux" in dso:
        return "libc"
    if "netty" in dso:
        return "netty native (epoll)"
    if "nginx" in dso:
        return "nginx"
    if dso.startswith("/tmp/perf-") or "[JIT]" in dso:
        name = sym.split(" ", 1)[-1].lstrip("L").replace("/", ".")
        for prefix, label in JAVA_PACKAGES:
            if prefix in name[:len(prefix) + 12]:
                return label
        return "other java (stubs, interpreter)" if not name or "Interpreter" in name or "stub" in name.lower() else "other java"
    return "other native"


def samples(stream):
    head, frames = None, []
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if head is not None:
                yield head, frames
            head, frames = None, []
        elif head is None:
            head = line.strip()
        else:
            m = FRAME.match(line)
            if m:
                frames.append((m.group(2), m.group(3)))
    if head is not None:
        yield head, frames


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hz", type=float, required=True)
    ap.add_argument("--requests", type=float, required=True)
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args()
    per_cat, per_thread, kernel_syms = collections.Counter(), collections.Counter(), collections.Counter()
    for head, frames in samples(sys.stdin):
        comm = re.sub(r"\s+\d+$", "", head).strip()
        if comm.startswith("swapper") or not frames:
            continue
        sym, dso = frames[0]
        cat = category(sym, dso)
        per_cat[cat] += 1
        per_thread[re.sub(r"[-#]?\d+$", "", comm)] += 1
        if cat == "kernel":
            kernel_syms[sym.split("+")[0]] += 1
    us = lambda n: n / args.hz / args.requests * 1e6
    total = sum(per_cat.values())
    print(f"busy CPU per request: {us(total):.1f} us ({int(args.requests)} requests)")
    for title, counter in (("by where the sampled instruction was", per_cat), ("by thread", per_thread),
                           ("kernel leaf symbols", kernel_syms)):
        print(f"\n{title}:")
        for name, n in counter.most_common(args.top):
            print(f"  {us(n):7.2f} us  {100.0 * n / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
