"""The intake web UI: reporting concerns, the coordinator's triage, information requests and
the public citizen page. Reads go through intake.selectors (filtered for the user, detail
pages audited once per view); writes go through intake.services."""
