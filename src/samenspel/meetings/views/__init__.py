"""The web UI of the case conference: the meeting list, planning and inviting, the
confidentiality confirmation, the agenda, and per agenda item the minutes, decisions, actions
and the chair's disclosures. Every read goes through meetings.selectors (filtered for the user,
one audit entry per meeting or agenda item page); every write through meetings.services."""
