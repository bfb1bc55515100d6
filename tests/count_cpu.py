"""Run a command and count all the CPU it caused, Chromium's included:

    CI=true python3 tests/count_cpu.py .venv/bin/python -m pytest tests/webbplats

`/usr/bin/time` counts a process and the descendants it waited for. Playwright's driver (and the
Chromium it started) is never waited for by the pytest worker: when the worker ends it is handed to
init, and its CPU leaves `time`'s figure (in the browser modules, about half of what they cost:
`webbplats/test_phones.py` alone, 44 CPU-s by `time` and 46 more in Chromium). Here the command runs
below a child subreaper (Linux's PR_SET_CHILD_SUBREAPER): every orphaned descendant comes back to
this process, which waits for it, so its CPU is counted. Printed on stderr at the end: the wall
time, what `time` would say (the command and what it waited for) and the orphans' CPU besides."""

from __future__ import annotations

import ctypes
import os
import resource
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("count_cpu: prctl(PR_SET_CHILD_SUBREAPER) failed", file=sys.stderr)
        return 2
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _pid, status, own = os.wait4(pid, 0)
    wall = time.monotonic() - started
    while True:  # the orphans, until none is left
        try:
            os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
    every = resource.getrusage(resource.RUSAGE_CHILDREN)
    command, total = own.ru_utime + own.ru_stime, every.ru_utime + every.ru_stime
    print(f"count_cpu: wall {wall:.1f} s; the command and what it waited for {command:.1f} CPU-s "
          f"({own.ru_utime:.1f} user + {own.ru_stime:.1f} sys, as `time` says); orphans (Chromium) {total - command:.1f} "
          f"CPU-s; all {total:.1f} CPU-s ({every.ru_utime:.1f} user + {every.ru_stime:.1f} sys)", file=sys.stderr)
    return os.waitstatus_to_exitcode(status) & 0xFF if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
