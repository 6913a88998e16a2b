"""Events over one or several days: sessions, registrations, attendance, the offers board."""


def make_events_area(context):
    from essdesk.ui.events.area import EventsArea

    return EventsArea(context)
