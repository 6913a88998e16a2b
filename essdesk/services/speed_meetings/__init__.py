"""Speed-meeting services: sessions, participants, wishes and timing, the plan, the day, the results."""
