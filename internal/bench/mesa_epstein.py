"""Time Mesa's own Epstein civil violence example, headless.

Runs mesa.examples.EpsteinCivilViolence (Mesa 3.3.1) with its default
densities and parameters on square grids of 40, 100 and 200 cells a side,
seed 42, timing only the step loop with time.perf_counter. The model's
DataCollector stays on, as shipped: model.step() collects every step. Prints
one line per size ending in agent-steps/s=<number> (agents x steps / seconds).

    python3.11 -m pip install "mesa[network]==3.3.1"
    python3.11 internal/bench/mesa_epstein.py
"""

import inspect
import sys
import time

import mesa
from mesa.examples import EpsteinCivilViolence

SEED = 42
# (side, steps): fewer steps on the larger grids keep the run short.
RUNS = [(40, 100), (100, 30), (200, 10)]


def seed_kwargs():
    """Mesa 3.3 seeds models with rng=; earlier 3.x releases with seed=."""
    params = inspect.signature(EpsteinCivilViolence.__init__).parameters
    return {"rng": SEED} if "rng" in params else {"seed": SEED}


def main():
    print(f"mesa {mesa.__version__}, python {sys.version.split()[0]}")
    for side, steps in RUNS:
        model = EpsteinCivilViolence(width=side, height=side, **seed_kwargs())
        agents = len(model.agents)
        start = time.perf_counter()
        for _ in range(steps):
            model.step()
        seconds = time.perf_counter() - start
        print(
            f"{side}x{side} agents={agents} steps={steps} seconds={seconds:.3f} "
            f"agent-steps/s={agents * steps / seconds:.0f}"
        )


if __name__ == "__main__":
    main()
