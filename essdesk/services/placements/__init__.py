"""Hires under public schemes: records, rule checks, trainings, follow-ups, aid, import, pathway."""
