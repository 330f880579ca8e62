from tests.factories import add_case, add_client, add_consultation


def test_fixture_store_round_trip(session):
    c = add_client(session)
    case = add_case(session, c)
    add_consultation(session, case)
    assert session.store.clients.require(c.id).family_name == "Beispiel"
    assert len(session.store.consultations.for_client(c.id)) == 1
