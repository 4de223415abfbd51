"""A change that alters what readers get must say so: bench/golden.sha256 holds a
fingerprint of every dev-set digest, and a sample of them is checked on every run
(`python -m bench.golden --check` checks all 3,593)."""

from __future__ import annotations

import itertools

from bench.golden import REFERENCE, fingerprint, jobs, read


def test_the_sample_article_digests_as_recorded():
    reference = read(REFERENCE)
    sample = next(job for job in jobs_without_eval() if job[1] == "sample")
    assert fingerprint(sample) == ("sample", reference["sample"])


def test_a_spread_of_dev_items_digest_as_recorded(eval_dir):
    reference = read(REFERENCE)
    every = list(jobs(eval_dir))
    spread = every[:: max(1, len(every) // 40)]
    changed = [name for name, digest in map(fingerprint, spread) if reference.get(name) != digest]
    assert changed == [], "digests changed: run `python -m bench.golden --check`, and `--write` if meant"


def jobs_without_eval():
    # The sample needs no data set: stop before the first one is read.
    from pathlib import Path

    return itertools.islice(jobs(Path("/nonexistent")), 1)
