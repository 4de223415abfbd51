"""newsbot's speed and memory benchmarks, each beside a baseline measured in the same run.

    .venv/bin/python -m bench [--eval-dir ../shared/eval] [--only NAME[,NAME…]] [--quick]

prints one Markdown report: the machine, a table per benchmark, and the targets met or
missed. Benchmarks: pages, summaries, long, coldstart, bot, profile (see `--help`).
"""
