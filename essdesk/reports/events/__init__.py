"""The event review (rapport d'événement) as a PDF and as spreadsheet tables."""
