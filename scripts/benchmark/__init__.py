"""The benchmark: what our code costs to build, and what a reader downloads and waits for.

    .venv/bin/python -m scripts.benchmark                  # 100 and 1 000 pages, browser, Lighthouse → BENCHMARKS.md
    .venv/bin/python -m scripts.benchmark --quick          # smoke run: 20 pages, nothing written
    .venv/bin/python -m scripts.benchmark --quick --no-browser --json out.json   # figures for a test to read

Figures are compared with the budgets in budgets.py and reported PASS/OVER; no test
asserts on them. Timings on a shared machine are noisy: read the ratios, from one run.

    project.py      the synthetic project: real macros/, overrides/, docs/assets/, generated pages and data
    builds.py       MkDocs with macros, MkDocs pre-rendered, Zensical, alternating; CSV-read probe; --profile
    inprocess.py    our code in this process: the pre-render pass per macro, chart macro costs
    page_weight.py  Chromium: bytes and chart code per page of the real site; draw time on a synthetic page
    lighthouse.py   npm lighthouse (pinned in package-lock.json, installed on demand) per page of the real site
    real_site.py    the repo's own site, built once for the reader figures
    editions.py     a one-row update's build time with few and with many past editions per report
    budgets.py      every budget, in one place
    report.py       BENCHMARKS.md
    (the local server and Chromium settings are macros/pages/local_browser.py, shared with the PDF step and the tests)
"""
