"""How long a step on the console may take before a test calls it lost.

Generous on purpose: the suite runs on shared CI machines, four workers to two cores,
beside tests that replay thousands of writes, and a step that idles at 50 ms has been
seen to need seconds there. A step that works returns as soon as it holds, so this
costs a passing test nothing; timings are the benchmark's business (``make bench``).
"""

WAIT_MS = 20_000
