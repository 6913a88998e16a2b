"""Rounds and tables for chosen meetings by bipartite edge colouring (König's theorem)."""

from __future__ import annotations

from essdesk.domain.scheduling.problem import PlanningProblem


def split_tables(
    problem: PlanningProblem, chosen: list[int], preferred_table: dict[int, int] | None = None
) -> list[int]:
    """Give each chosen meeting a table-node (recruiter, table) so no table exceeds the rounds.

    Meetings are dealt to the recruiter's least loaded table, so a recruiter with m meetings
    and k tables puts at most ceil(m / k) ≤ rounds on each: every node's degree then fits the
    colours available. A preferred table (e.g. the one already announced) is kept while it has
    room. Returns the table index (from 1) of each chosen meeting, in `chosen` order.
    """
    n_rounds = len(problem.rounds)
    load: dict[tuple[int, int], int] = {}
    tables = [0] * len(chosen)
    by_recruiter: dict[int, list[int]] = {}
    for position, index in enumerate(chosen):
        by_recruiter.setdefault(problem.pairs[index].recruiter, []).append(position)
    for recruiter, positions in by_recruiter.items():
        count = problem.instance.recruiters[recruiter].tables
        limit = -(-len(positions) // count)  # even spread: ceil(m / k)
        limit = min(n_rounds, max(limit, 1))
        pending = []
        for position in positions:
            wanted = (preferred_table or {}).get(chosen[position])
            if (
                wanted is not None
                and 1 <= wanted <= count
                and load.get((recruiter, wanted), 0) < limit
            ):
                load[(recruiter, wanted)] = load.get((recruiter, wanted), 0) + 1
                tables[position] = wanted
            else:
                pending.append(position)
        for position in pending:
            table = min(range(1, count + 1), key=lambda t: (load.get((recruiter, t), 0), t))
            load[(recruiter, table)] = load.get((recruiter, table), 0) + 1
            tables[position] = table
    return tables


def colour_edges(
    edges: list[tuple[int, int]],
    n_left: int,
    n_right: int,
    n_colours: int,
    precoloured: list[int | None] | None = None,
) -> list[int]:
    """Proper edge colouring of a bipartite graph of maximum degree ≤ n_colours.

    Alternating-path algorithm: for edge (u, v) take a colour a free at u and b free at v; if a
    is not free at v, swap a and b along the path from v alternating a, b, a… — in a bipartite
    graph that path never reaches u, so afterwards a is free at both ends. Precoloured edges
    (a proper partial colouring) are placed first; a later swap may move some of them, but
    most keep their colour. Colours are 0..n_colours-1.
    """
    n_nodes = n_left + n_right
    # at[node][colour] = edge index using that colour at that node, or -1.
    at = [[-1] * n_colours for _ in range(n_nodes)]
    colour = [-1] * len(edges)
    ends = [(u, n_left + v) for u, v in edges]
    order = list(range(len(edges)))
    if precoloured is not None:
        for e, wanted in enumerate(precoloured):
            if wanted is None:
                continue
            u, v = ends[e]
            if 0 <= wanted < n_colours and at[u][wanted] < 0 and at[v][wanted] < 0:
                at[u][wanted] = at[v][wanted] = e
                colour[e] = wanted
    for e in order:
        if colour[e] >= 0:
            continue
        u, v = ends[e]
        a = at[u].index(-1)
        if at[v][a] >= 0:
            b = at[v].index(-1)
            _swap_path(at, colour, ends, v, a, b)
        at[u][a] = at[v][a] = e
        colour[e] = a
    return colour


def _swap_path(at, colour, ends, start, a, b) -> None:
    """Swap colours a and b along the alternating path leaving `start` by its a-edge."""
    path = []
    node, current, other = start, a, b
    while True:
        e = at[node][current]
        if e < 0:
            break
        path.append(e)
        u, v = ends[e]
        node = v if u == node else u
        current, other = other, current
    for e in path:
        u, v = ends[e]
        for x in (u, v):
            if at[x][colour[e]] == e:
                at[x][colour[e]] = -1
    for e in path:
        colour[e] = b if colour[e] == a else a
        u, v = ends[e]
        at[u][colour[e]] = at[v][colour[e]] = e


def colour_uniform(
    problem: PlanningProblem,
    chosen: list[int],
    preferred: dict[int, tuple[int, int]] | None = None,
) -> dict[int, tuple[int, int]]:
    """Round and table of every chosen meeting when all rounds look alike (never drops one).

    `preferred` maps a pair index to the (round, table) it had before, kept where possible.
    """
    preferred = preferred or {}
    tables = split_tables(problem, chosen, {i: t for i, (_, t) in preferred.items()})
    node_of: dict[tuple[int, int], int] = {}
    edges = []
    for position, index in enumerate(chosen):
        key = (problem.pairs[index].recruiter, tables[position])
        node = node_of.setdefault(key, len(node_of))
        edges.append((problem.pairs[index].candidate, node))
    rounds = problem.rounds
    slot = {round_: k for k, round_ in enumerate(rounds)}
    wanted = []
    for position, index in enumerate(chosen):
        previous = preferred.get(index)
        same_table = previous is not None and previous[1] == tables[position]
        wanted.append(slot.get(previous[0]) if previous is not None and same_table else None)
    colours = colour_edges(
        edges, len(problem.instance.candidates), len(node_of), len(rounds), wanted
    )
    return {
        index: (rounds[colours[position]], tables[position])
        for position, index in enumerate(chosen)
    }
