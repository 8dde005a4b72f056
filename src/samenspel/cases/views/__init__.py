"""The web UI of cases: the list, the case page and the forms that change a case. Every
read goes through cases.selectors (filtered for the user, one audit entry per case page);
every write goes through cases.services."""
