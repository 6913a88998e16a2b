"""Speed-meeting printouts (PDF) and the CSV plan."""
