"""Benchmark: the event review (5 days, 40 sessions, 2,000 participants) and a partnership review
over 5 years with 10,000 placements, each written to PDF.

Targets: each ≤ 3 s to PDF (reading the figures included), peak RSS ≤ 300 MB.
Run: python benchmarks/bench_partner_reports.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from essdesk.db import models as m  # noqa: E402
from essdesk.db.database import open_database  # noqa: E402
from essdesk.db.models.base import utcnow  # noqa: E402
from essdesk.db.models.keys import KEY_OF  # noqa: E402

FORMATS = ("workshop", "testimony", "forum", "animation", "speed_meeting", "professionals")


def peak_rss_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1024 / 1024


class _Fields(dict):
    """A row's values read as attributes (missing ones None), as the key functions read models."""

    def __getattr__(self, name):
        return self.get(name)


def rows(model, items: list[dict]) -> None:
    now = utcnow()
    # A bulk insert skips the ORM hooks: the folded natural key is computed here instead.
    key_of = KEY_OF.get(model.__tablename__)
    for item in items:
        item.setdefault("id", uuid.uuid4())
        item.update(version=1, created_at=now, updated_at=now)
        if key_of is not None:
            item.setdefault("match_key", key_of(_Fields(item)))
    return model.__table__.insert(), items


def fill(db, rng: random.Random) -> tuple[uuid.UUID, uuid.UUID]:
    """2,000 young people, 300 employers, an ESS week and a 5-year agreement with 10,000 hires."""
    with db.transaction() as s:
        youths = [
            {
                "last_name": f"Nom{i}",
                "first_name": "Prénom",
                "birth_date": date(2000, 1, 1) + timedelta(days=i),
                "postcode": "38000",
                "commune": "Grenoble",
                "qualification_level_new": 1 + i % 8,
                "qpv": i % 7 == 0,
                "rural_zone": i % 5 == 0,
                "rqth": i % 30 == 0,
                "gender": None,
                "status": "active",
                "diploma_obtained": False,
            }  # fmt: skip
            for i in range(2000)
        ]
        s.execute(*rows(m.Youth, youths))
        employers = [{"name": f"Employeur {i}", "partnership_status": "partner", "ess_networks": [],
                      "archived": False} for i in range(300)]  # fmt: skip
        s.execute(*rows(m.Employer, employers))
        event = {"title": "Semaine de l'ESS", "kind": "week", "start_date": date(2026, 3, 16),
                 "end_date": date(2026, 3, 20), "place": "Mission locale"}  # fmt: skip
        s.execute(*rows(m.Event, [event]))
        sessions = []
        for i in range(40):
            start = datetime(2026, 3, 16 + i // 8, 9 + (i % 8))
            sessions.append({"event_id": event["id"], "title": f"Session {i + 1}", "format": FORMATS[i % 6],
                             "starts_at": start, "ends_at": start + timedelta(hours=1),
                             "capacity": 80, "room": f"Salle {i % 4 + 1}"})  # fmt: skip
        s.execute(*rows(m.EventSession, sessions))
        lines = []
        for youth in youths:  # 2,000 participants, 2 to 4 sessions each
            for session in rng.sample(sessions, rng.randint(2, 4)):
                lines.append({"session_id": session["id"], "youth_id": youth["id"],
                              "status": rng.choice(["present", "present", "present", "absent"]),
                              "registration": "registered", "role": "youth"})  # fmt: skip
        s.execute(*rows(m.Attendance, lines))
        partnership = {"title": "Convention 2022-2026", "partner_name": "UDES",
                       "start_date": date(2022, 1, 1), "end_date": date(2026, 12, 31),
                       "status": "active", "steering_per_year": 2, "technical_per_year": 4}  # fmt: skip
        s.execute(*rows(m.Partnership, [partnership]))
        axes = [
            {"partnership_id": partnership["id"], "position": i + 1, "title": f"Axe {i + 1}"}
            for i in range(5)
        ]
        s.execute(*rows(m.PartnershipAxis, axes))
        actions = [{"axis_id": a["id"], "title": f"Action {j}", "due_date": date(2022 + j % 5, 6, 30),
                    "status": rng.choice(["planned", "done", "in_progress"])}
                   for a in axes for j in range(12)]  # fmt: skip
        s.execute(*rows(m.PartnershipAction, actions))
        links = [{"partnership_id": partnership["id"], "employer_id": e["id"]} for e in employers]
        s.execute(*rows(m.PartnershipEmployer, links))
        offers = [{"employer_id": rng.choice(employers)["id"], "title": f"Offre {i}",
                   "publication_date": date(2022, 1, 1) + timedelta(days=rng.randrange(1800)),
                   "positions": 1, "status": "open"} for i in range(5000)]  # fmt: skip
        s.execute(*rows(m.Offer, offers))
        placements = [{"youth_id": rng.choice(youths)["id"], "employer_id": rng.choice(employers)["id"],
                       "job_title": "Agent", "contract_type": rng.choice(["CDD", "CDI", "PEC"]),
                       "start_date": date(2022, 1, 1) + timedelta(days=rng.randrange(1800)),
                       "weekly_hours": 35, "status": "active"} for _ in range(10_000)]  # fmt: skip
        s.execute(*rows(m.Placement, placements))
        meetings = [{"partnership_id": partnership["id"], "kind": "steering", "held_on": date(2022 + y, 3, 1),
                     "status": "held"} for y in range(5)]  # fmt: skip
        s.execute(*rows(m.PartnershipMeeting, meetings))
    return event["id"], partnership["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="Keep the base and the PDFs in this folder.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="essdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(str(folder / "bench.sqlite3"))
    started = time.perf_counter()
    event_id, partnership_id = fill(db, random.Random(7))
    print(f"Base remplie en {time.perf_counter() - started:.1f} s")

    from essdesk.reports.events.review import event_report_pdf
    from essdesk.reports.partnerships.review import partnership_review_pdf
    from essdesk.services.events.review import event_report_data
    from essdesk.services.partnership_review import partnership_review_data

    started = time.perf_counter()
    data = event_report_data(db, event_id)
    read = time.perf_counter() - started
    event_report_pdf(data, folder / "evenement.pdf")
    total = time.perf_counter() - started
    print(f"Rapport d'événement (40 sessions, {data.registered} inscriptions, {data.profile.youths} jeunes) : "
          f"lecture {read:.2f} s, PDF compris {total:.2f} s (objectif ≤ 3 s)")  # fmt: skip
    started = time.perf_counter()
    review = partnership_review_data(db, partnership_id, today=date(2026, 12, 31))
    read = time.perf_counter() - started
    partnership_review_pdf(review, folder / "partenariat.pdf")
    total = time.perf_counter() - started
    print(f"Bilan de partenariat (5 ans, {review.placements} embauches, {review.offers} offres) : "
          f"lecture {read:.2f} s, PDF compris {total:.2f} s (objectif ≤ 3 s)")  # fmt: skip
    print(f"Mémoire maximale : {peak_rss_mb():.0f} Mo (objectif ≤ 300 Mo)")
    db.close()
    if args.keep:
        print(f"Fichiers gardés dans {folder}")


if __name__ == "__main__":
    main()
