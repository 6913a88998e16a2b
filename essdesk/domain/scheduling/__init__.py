"""The recruiter speed-meeting scheduler: plain data, the solver pipeline, re-planning and checks."""
