"""Database.reading(): a thread's own read-only connection, writes still through the main one."""

from __future__ import annotations

import threading

import pytest

from beratung_desktop.storage.connection import Database


@pytest.fixture
def db(tmp_path):
    database = Database(tmp_path / "t.db", bytes(range(32)))
    database.execute("CREATE TABLE t (x INTEGER)")
    yield database
    database.close()


def test_reads_inside_go_through_another_connection_and_see_committed_rows(db):
    with db.transaction():
        db.execute("INSERT INTO t VALUES (1)")
    with db.reading():
        assert db._reader() is not None
        assert db.query("SELECT x FROM t") == [(1,)]
        with db.transaction():  # writes and the reads of a transaction use the main connection
            db.execute("INSERT INTO t VALUES (2)")
            assert db._reader() is None
            assert db.query("SELECT count(*) FROM t") == [(2,)]
        assert db.query("SELECT count(*) FROM t") == [(2,)]
    assert db._reader() is None


def test_the_reader_does_not_see_an_open_transaction_of_another_thread(db):
    started, finish = threading.Event(), threading.Event()

    def writer():
        with db.transaction():
            db.execute("INSERT INTO t VALUES (7)")
            started.set()
            finish.wait(30)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    assert started.wait(30)
    with db.reading():  # does not wait for the writer's lock, reads the last committed state
        assert db.query("SELECT count(*) FROM t") == [(0,)]
    finish.set()
    thread.join(30)
    assert db.query("SELECT count(*) FROM t") == [(1,)]


def test_the_reading_connection_refuses_writes(db):
    with db.reading(), pytest.raises(Exception, match=r"readonly|read-only|query_only"):
        db._reader().execute("INSERT INTO t VALUES (3)")


def test_a_closed_store_opens_no_reader_and_says_so(db, monkeypatch):
    """A worker that starts reading after sign-out gets the store's own error, and no connection is
    opened with the wiped key."""
    from beratung_desktop.storage import connection
    from beratung_desktop.storage.errors import StoreClosed

    opened = []
    original = connection.connect
    monkeypatch.setattr(connection, "connect", lambda *a, **k: opened.append(a) or original(*a, **k))
    db.close()
    with pytest.raises(StoreClosed), db.reading():
        pass
    assert opened == []
    with pytest.raises(StoreClosed):
        db.query("SELECT count(*) FROM t")
    with pytest.raises(StoreClosed), db.transaction():
        pass


def test_a_reader_open_when_the_store_closes_reads_no_further(db):
    from beratung_desktop.storage.errors import StoreClosed

    with db.transaction():
        db.execute("INSERT INTO t VALUES (1)")
    inside, closed = threading.Event(), threading.Event()
    outcome: list[object] = []

    def worker():
        with db.reading():
            outcome.append(db.query("SELECT count(*) FROM t"))
            inside.set()
            closed.wait(30)
            try:
                db.query("SELECT count(*) FROM t")
            except StoreClosed as exc:
                outcome.append(exc)

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    assert inside.wait(30)
    db.close()
    closed.set()
    thread.join(30)
    assert outcome[0] == [(1,)] and isinstance(outcome[1], StoreClosed)
