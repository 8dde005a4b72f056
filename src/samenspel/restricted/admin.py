"""No admin for restricted documents: the Django admin would bypass the named-person rule
and the audit. Everything goes through restricted.views and restricted.api."""
