"""Foreign formats in and out: PSPLIB, measurement tables, ITSM event logs, iCalendar."""
