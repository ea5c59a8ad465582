"""Request middleware: who is acting, for the audit trail."""

from careloop.core import audit


class AuditContextMiddleware:
    """Attributes every write made while handling a request to the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if request.user.is_authenticated else None
        source = "api" if request.path.startswith("/api/") else "web"
        token = audit.set_context(user, source)
        try:
            return self.get_response(request)
        finally:
            audit.reset_context(token)
