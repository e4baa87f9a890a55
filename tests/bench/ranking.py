"""``make bench-ranking``: one million marks ranked, timed in the database's process.

    .venv/bin/python -m tests.bench.ranking [--deliberation 400x50x50] [--reuse]

Generates (in ``tremplin_bench_ranking``, unless ``--reuse`` finds it generated) a programme
of scale 1 whose session in deliberation has 400 items x 50 voters x 50 criteria = 1,000,000
marks (bulk-inserted, with their audit entries), then times, in this process, what the
deliberation page and the ranking export compute: ``jury.views.chair.ranked_items`` (the
items the chair sees and their ranking), and prints seconds and the process's peak memory.
Issue 18's target: under 2 s. Not a test; not in ``make bench`` (it takes minutes).
"""

import argparse
import os
import resource
import sys
import time

from tests.bench.run import prepare, production_environment


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deliberation", default="400x50x50")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_RANKING_DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/tremplin_bench_ranking",
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    )
    parser.add_argument("--reuse", action="store_true")
    options = parser.parse_args(argv)
    options.scale = 1
    environment = production_environment(
        options.database_url, options.redis_url, "/tmp/tremplin-bench-static"
    )
    prepare(options, environment)
    os.environ.update(environment)
    from tests.bench.world import World  # Django starts here

    world = World.build(scale=1)
    from jury.views.chair import ranked_items

    session, staff = world.session, world.users["staff"]
    started = time.perf_counter()
    items = ranked_items(session, staff).items
    elapsed = time.perf_counter() - started
    world.sign_out()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"| ranking of {world.sizes()['session in deliberation']} "
        f"({world.sizes()['marks']:,} marks in the database) | {elapsed:.2f} s "
        f"| peak memory of the process {peak_mb:,.0f} MB | target < 2 s: "
        f"{'holds' if elapsed < 2 else 'does not hold'} |".replace(",", " ")
    )
    print(f"# {len(items)} items ranked", file=sys.stderr)


if __name__ == "__main__":
    main()
