#!/usr/bin/env python3
"""Writes a git format-patch style mbox of N patches (default 2000) shaped like kernel patches: 1-6
files each across real kernel directories, hunks of context/removed/added lines, some new files,
deletions and renames (with similarity lines), cover-letter free. Deterministic (seeded), so every run
of the benchmark reads the same bytes. `git apply --stat` accepts it, which the benchmark checks."""
import random
import sys

DIRS = ["fs/ext4", "fs/xfs", "fs/btrfs", "fs/proc", "mm", "kernel/sched", "kernel/bpf", "net/core", "net/ipv4",
        "net/ipv6", "drivers/net/ethernet/intel/ice", "drivers/gpu/drm/amd/display", "drivers/usb/core",
        "drivers/scsi", "arch/x86/kernel", "arch/arm64/mm", "include/linux", "include/net", "block", "security/selinux",
        "tools/testing/selftests/net", "Documentation/admin-guide", "sound/soc/codecs", "lib", "crypto"]
WORDS = ("struct page folio inode skb dev ctx ret err flags lock unlock rcu_read_lock spin_lock_irqsave "
         "kfree kmalloc GFP_KERNEL return if else for while unsigned long int void static const").split()


def line(rng):
    indent = "\t" * rng.randint(0, 3)
    return indent + " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9))) + ";"


def hunk(rng, start):
    before = [line(rng) for _ in range(3)]
    removed = [line(rng) for _ in range(rng.randint(0, 6))]
    added = [line(rng) for _ in range(rng.randint(1, 8))]
    after = [line(rng) for _ in range(3)]
    old = len(before) + len(removed) + len(after)
    new = len(before) + len(added) + len(after)
    body = [" " + l for l in before] + ["-" + l for l in removed] + ["+" + l for l in added] + [" " + l for l in after]
    return f"@@ -{start},{old} +{start},{new} @@ static int func_{start}(void)\n" + "\n".join(body) + "\n"


def file_diff(rng, path, kind):
    if kind == "new":
        lines = [line(rng) for _ in range(rng.randint(5, 30))]
        return (f"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..{rng.getrandbits(28):07x}\n"
                f"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n" + "".join("+" + l + "\n" for l in lines))
    if kind == "delete":
        lines = [line(rng) for _ in range(rng.randint(5, 30))]
        return (f"diff --git a/{path} b/{path}\ndeleted file mode 100644\nindex {rng.getrandbits(28):07x}..0000000\n"
                f"--- a/{path}\n+++ /dev/null\n@@ -1,{len(lines)} +0,0 @@\n" + "".join("-" + l + "\n" for l in lines))
    if kind == "rename":
        target = path.rsplit("/", 1)[0] + f"/renamed_{rng.getrandbits(20):05x}.c"
        return (f"diff --git a/{path} b/{target}\nsimilarity index {rng.randint(80, 99)}%\nrename from {path}\n"
                f"rename to {target}\nindex {rng.getrandbits(28):07x}..{rng.getrandbits(28):07x} 100644\n"
                f"--- a/{path}\n+++ b/{target}\n" + hunk(rng, rng.randint(1, 400)))
    hunks = "".join(hunk(rng, start) for start in sorted(rng.sample(range(1, 3000, 40), rng.randint(1, 4))))
    return (f"diff --git a/{path} b/{path}\nindex {rng.getrandbits(28):07x}..{rng.getrandbits(28):07x} 100644\n"
            f"--- a/{path}\n+++ b/{path}\n" + hunks)


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = random.Random(15)
    used = set()
    with open(out, "w") as mbox:
        for number in range(1, count + 1):
            files = []
            for _ in range(rng.randint(1, 6)):
                path = f"{rng.choice(DIRS)}/file_{rng.getrandbits(24):06x}.c"
                if path not in used:
                    used.add(path)
                    files.append(path)
            kinds = [rng.choices(["modify", "new", "delete", "rename"], [85, 7, 4, 4])[0] for _ in files]
            subject = f"{files[0].split('/')[0]}: fix {rng.choice(WORDS)} handling in {rng.choice(WORDS)}"
            mbox.write(f"From {rng.getrandbits(160):040x} Mon Sep 17 00:00:00 2001\n"
                       f"From: Kernel Developer <dev{number % 97}@example.com>\n"
                       f"Date: Thu, 3 Dec 2026 08:{number % 60:02d}:00 +0000\n"
                       f"Subject: [PATCH {number}/{count}] {subject}\n\n"
                       f"{' '.join(rng.choice(WORDS) for _ in range(30))}\n\n"
                       f"Signed-off-by: Kernel Developer <dev{number % 97}@example.com>\n---\n")
            for path in files:
                mbox.write(f" {path} | {rng.randint(1, 40)} ++++----\n")
            mbox.write(f" {len(files)} files changed\n\n")
            for path, kind in zip(files, kinds):
                mbox.write(file_diff(rng, path, kind))
            mbox.write("-- \n2.43.0\n\n")


main()
