"""Benchmark: the offers and positionings screens' queries on a base made by bench_desk.py.

Measures, through the functions the screens call, the median of repeated runs of: the offers
list (count and first page) unfiltered and with filters, the « Mises en relation » list, an
offer's positionings, the suggestions for an offer and for a young person, and the pickers.
Run: python benchmarks/bench_offers.py BASE.sqlite3 [--runs R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def median_ms(action, runs: int) -> float:
    action()  # warm the caches once, as a screen opened twice would
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    from sqlalchemy import func, select

    from essdesk.db import models as m
    from essdesk.db.database import open_database
    from essdesk.services import pickers, positionings, suggestions
    from essdesk.services.offer_list import OfferCriteria, offer_listing
    from essdesk.services.positioning_list import PositioningCriteria, positioning_listing

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = open_database(str(args.base), daily_backup=False)
    with db.session() as session:
        offer_id, employer_id = session.execute(
            select(m.Offer.id, m.Offer.employer_id).where(m.Offer.status == "open").limit(1)
        ).one()
        youth_id = session.scalar(select(m.Youth.id).where(m.Youth.status == "active").limit(1))
        counts = {
            name: session.scalar(select(func.count()).select_from(model))
            for name, model in (("offers", m.Offer), ("applications", m.Application))
        }

    def page(listing):
        return lambda: (listing.count(db), listing.rows(db, limit=200))

    figures = {
        "offers_open_list": page(offer_listing()),
        "offers_filtered": page(
            offer_listing(OfferCriteria(status="open", contract_type="CDD", rome_domain="K"))
        ),
        "offers_employer": page(offer_listing(OfferCriteria(employer_id=employer_id))),
        "offers_without_news": page(offer_listing(OfferCriteria(without_news=True))),
        "applications_list": lambda: (
            positioning_listing().count(db),
            positioning_listing().rows(db, sort_column=0, descending=True, limit=200),
        ),
        "applications_pending": page(positioning_listing(PositioningCriteria(status="new"))),
        "offer_panel": lambda: positionings.of_offer(db, offer_id),
        "suggest_youths": lambda: suggestions.suggest_youths(db, offer_id),
        "suggest_offers": lambda: suggestions.suggest_offers(db, youth_id),
        "employer_picker": lambda: pickers.find_employers(db, "regie qua"),
        "rome_picker": lambda: pickers.find_rome(db, "services"),
    }
    print(f"base : {counts['offers']} offres, {counts['applications']} mises en relation")
    results = {name: median_ms(action, args.runs) for name, action in figures.items()}
    db.close()
    print(" ".join(f"{name}_ms={value:.0f}" for name, value in results.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
