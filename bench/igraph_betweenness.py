"""Times igraph's C betweenness on a "source target cost" edge list; prints JSON {seconds, cpuSeconds, values}.

Usage: python3 igraph_betweenness.py EDGE_LIST NODE_COUNT [REPEAT]
Only g.betweenness(weights=..., directed=True) is timed (not reading or building the graph); with REPEAT > 1
the median of REPEAT runs after one warm-up run.
"""
import json
import statistics
import sys
import time

import igraph


def main() -> None:
    path, n = sys.argv[1], int(sys.argv[2])
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    edges, costs = [], []
    with open(path) as f:
        for line in f:
            s, t, c = line.split()
            edges.append((int(s), int(t)))
            costs.append(float(c))
    g = igraph.Graph(n=n, edges=edges, directed=True)
    g.es["cost"] = costs
    if repeat > 1:
        g.betweenness(weights="cost", directed=True)
    walls, cpus = [], []
    for _ in range(repeat):
        cpu, start = time.process_time(), time.perf_counter()
        values = g.betweenness(weights="cost", directed=True)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    json.dump(
        {
            "seconds": statistics.median(walls),
            "cpuSeconds": statistics.median(cpus),
            "igraph": igraph.__version__,
            "values": values,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
