"""Two ESS Desk processes on one SQLite file: no corruption, no lost write, a clear busy message."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date

import pytest
from sqlalchemy import func, select

from essdesk.db import models as m
from essdesk.db.database import DatabaseBusyError, open_database

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from sqlalchemy import func, select
    from essdesk.db import models as m
    from essdesk.db.database import open_database

    db = open_database(sys.argv[1], daily_backup=False)
    for k in range(int(sys.argv[3])):
        with db.transaction() as session:
            # read then write: the case a deferred BEGIN would fail at once
            count = session.scalar(select(func.count()).select_from(m.Youth))
            session.add(m.Youth(last_name=f"{sys.argv[2]}{k}", first_name=str(count),
                                birth_date=date(2004, 1, 1)))
    db.close()
    """
)


def test_two_processes_write_without_losing_anything(db, db_path):
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), name, "150"])
        for name in ("poste-a-", "poste-b-")
    ]
    backups = [db.backup("pendant-ecriture") for _ in range(3)]  # hot backups meanwhile
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Youth)) == 300
    assert db.integrity_problems(full=True) == []
    for path in backups:
        copy = open_database(str(path), daily_backup=False)
        assert copy.integrity_problems(full=True) == []
        copy.close()


def test_busy_base_says_so_in_french(db, db_path):
    import sqlite3

    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another PC holds the write lock and does not let go
    try:
        impatient = open_database(str(db_path), daily_backup=False)
        with impatient.engine.connect() as connection:
            connection.connection.driver_connection.execute("PRAGMA busy_timeout=200")
        with pytest.raises(DatabaseBusyError, match="occupée"), impatient.transaction() as session:
            session.add(m.Youth(last_name="X", first_name="Y", birth_date=date(2004, 1, 1)))
        impatient.close()
    finally:
        holder.rollback()
        holder.close()
