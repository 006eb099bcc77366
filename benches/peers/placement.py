"""Why `parallel` can run at `serial`'s speed under the peer driver: thread placement.

Drives the kernelize side of the peer comparison (the `peers` bench binary, as run.sh does)
through its `prepare` / `time ID` protocol, one kernel and size, its variants interleaved, and
optionally with a sleep before each call (the time other contestants take in run.sh) and with
the threads pinned (the driver and the child's calling thread on CPU 0, the team's workers on
CPU 1, with `taskset`). On the 2-core VM of the README, go_fast at 10k:

    free,   no gap:  serial  96-158 µs   parallel  68 µs
    free,   2 ms:    serial 159-173 µs   parallel 173-175 µs  (the second thread gains nothing)
    pinned, 2 ms:    serial  98-161 µs   parallel  66-90 µs

After the child's calling thread has blocked on its pipe (or slept), Linux often wakes it on the
CPU where the team's worker is spinning, and keeps both there (each is "cache hot", so the idle
CPU does not pull either): the loop then runs on one core. Numba's threads live in the driver's
own process, whose thread never blocks between calls.

    cargo bench --bench peers --no-run
    GAP=0.002 PIN=1 python3 benches/peers/placement.py target/release/deps/peers-HASH serial,parallel

Arguments: the binary, the variants (each timed call right after an untimed one, a round trip
apart, as run.sh does). Settings: GAP (seconds of sleep before each call, default 0), PIN
(non-empty: pin as above; `workers`: pin only the team's workers, to CPU 1, and leave the driver
and the calling thread free), N (samples per variant, default 400), KERNEL and SIZE (default
go_fast 10000). The team now binds its workers itself (runtime/src/team.rs);
KERNELIZE_PROC_BIND=false in the environment shows the unbound placement again.
"""

import json
import os
import random
import subprocess
import sys
import time


def main():
    binary, variants = sys.argv[1], sys.argv[2].split(",")
    kernel, size = os.environ.get("KERNEL", "go_fast"), os.environ.get("SIZE", "10000")
    env = dict(os.environ, PEERS_SERVE="1", PEERS_REPEATS="5", PEERS_WARMUP="1", PEERS_MANDEL_ITERS="200",
               PEERS_TRIAD_N="1000", PEERS_OUT=os.environ.get("PEERS_OUT", "/tmp/kernelize-placement"))
    os.makedirs(env["PEERS_OUT"], exist_ok=True)
    child = subprocess.Popen([binary], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(q):
        child.stdin.write(q + "\n")
        child.stdin.flush()
        return child.stdout.readline()

    ids = {v: int(json.loads(ask(f"prepare {kernel} {size} {v}"))["id"]) for v in variants}
    pin = os.environ.get("PIN", "")
    if pin:
        for t in os.listdir(f"/proc/{child.pid}/task"):
            with open(f"/proc/{child.pid}/task/{t}/comm") as f:
                worker = f.read().startswith("kernelize")
            if worker or pin != "workers":
                subprocess.run(["taskset", "-pc", "1" if worker else "0", t], capture_output=True, check=True)
        if pin != "workers":
            subprocess.run(["taskset", "-pc", "0", str(os.getpid())], capture_output=True, check=True)
    gap = float(os.environ.get("GAP", "0"))
    times = {v: [] for v in variants}
    for _ in range(int(os.environ.get("N", "400"))):
        for v in random.sample(variants, len(variants)):
            if gap:
                time.sleep(gap)
            ask(f"time {ids[v]}")
            times[v].append(float(ask(f"time {ids[v]}")))
    child.stdin.close()
    child.wait()
    parts = []
    for v in variants:
        t = sorted(times[v])
        n = len(t)
        parts.append(f"{v} {t[n // 2] * 1e6:.1f} µs ({t[n // 4] * 1e6:.1f}-{t[3 * n // 4] * 1e6:.1f})")
    print(f"{kernel} {size}, {('pinned ' + pin) if pin else 'free'}, gap {gap * 1e3:g} ms: "
          + " | ".join(parts))


if __name__ == "__main__":
    main()
