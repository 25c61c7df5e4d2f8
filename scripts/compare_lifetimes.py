"""Times the lifetime-value fit of stammkunde-cli and of lifetimes 0.11.3 (the Python
package shops and analysts use) on the same summary files, in one run, and compares the
fitted parameters. Run through scripts/compare-lifetimes.sh, which makes the venv and the
files; usage: compare_lifetimes.py CLI FILE [FILE ...].

Per file: the whole `stammkunde-cli value fit --summary FILE --params-only --json`
command (reading the CSV included), best and worst of three; lifetimes' BetaGeoFitter
and GammaGammaFitter fits (pandas' read_csv timed apart, not counted), once. The
parameters must agree within 1e-4 relative.
"""

import json
import subprocess
import sys
import time

import lifetimes
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter

TOLERANCE = 1e-4


def ours(cli, path):
    times, fit = [], None
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run(
            [cli, "value", "fit", "--params-only", "--json", "--summary", path],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        times.append(time.perf_counter() - start)
        fit = json.loads(out)
    return min(times), max(times), fit


def theirs(path):
    start = time.perf_counter()
    data = pd.read_csv(path)
    read = time.perf_counter() - start
    start = time.perf_counter()
    bgf = BetaGeoFitter(penalizer_coef=0.0)
    bgf.fit(data["frequency"], data["recency"], data["T"])
    bg_time = time.perf_counter() - start
    repeat = data[data["frequency"] > 0]
    start = time.perf_counter()
    ggf = GammaGammaFitter(penalizer_coef=0.0)
    ggf.fit(repeat["frequency"], repeat["monetary_value"])
    gg_time = time.perf_counter() - start
    return read, bg_time, gg_time, bgf.params_, ggf.params_


def main():
    cli, paths = sys.argv[1], sys.argv[2:]
    print(f"lifetimes {lifetimes.__version__}, pandas {pd.__version__}")
    failed = False
    for path in paths:
        best, worst, fit = ours(cli, path)
        read, bg_time, gg_time, bg, gg = theirs(path)
        pairs = [
            ("r", fit["bgnbd"]["r"], bg["r"]),
            ("alpha", fit["bgnbd"]["alpha"], bg["alpha"]),
            ("a", fit["bgnbd"]["a"], bg["a"]),
            ("b", fit["bgnbd"]["b"], bg["b"]),
            ("p", fit["gammaGamma"]["p"], gg["p"]),
            ("q", fit["gammaGamma"]["q"], gg["q"]),
            ("gamma", fit["gammaGamma"]["gamma"], gg["v"]),
        ]
        worst_diff = max(abs(a - b) / abs(b) for _, a, b in pairs)
        print(f"\n{path} ({fit['customers']:,} customers, {fit['repeatBuyers']:,} repeat buyers)")
        print(
            f"  stammkunde-cli value fit --params-only (read, BG/NBD and Gamma-Gamma): "
            f"{best:.3f}-{worst:.3f} s"
        )
        print(
            f"  lifetimes: BG/NBD fit {bg_time:.2f} s, Gamma-Gamma fit {gg_time:.2f} s "
            f"(read_csv {read:.2f} s, not counted)"
        )
        print(
            f"  ahead: BG/NBD alone {bg_time / worst:.1f}x (slowest of ours), "
            f"both fits {(bg_time + gg_time) / worst:.1f}x"
        )
        for name, a, b in pairs:
            print(f"    {name:6} ours {a:.8f}  lifetimes {b:.8f}  rel. diff {abs(a - b) / abs(b):.1e}")
        if worst_diff > TOLERANCE:
            print(f"  PARAMETERS DIFFER by {worst_diff:.1e} (> {TOLERANCE:.0e})")
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
