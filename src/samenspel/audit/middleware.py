from samenspel.audit.services import record_denied
from samenspel.core.exceptions import AccessRefused


class AuditDeniedMiddleware:
    """Writes the audit entry for a refused web request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, AccessRefused):
            record_denied(
                exception.action,
                object_type=exception.object_type,
                object_id=exception.object_id,
                purpose=exception.purpose,
            )
        return None
