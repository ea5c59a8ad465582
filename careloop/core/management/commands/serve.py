"""`careloop serve`: the web server (waitress), for the demo and small deployments."""

from django.conf import settings
from django.core.management.base import BaseCommand
from waitress import serve

from careloop.wsgi import application

# What a reverse proxy in front of careloop says about the visitor's request.
PROXY_HEADERS = {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"}


def proxy_options() -> dict:
    """waitress's proxy settings from careloop's.

    Directly on the internet (the default), waitress removes every X-Forwarded-* header a
    client sends: none can be trusted. Behind proxies (CARELOOP_BEHIND_PROXY), it takes the
    visitor's address from the CARELOOP_TRUSTED_PROXIES entries of X-Forwarded-For the proxies
    wrote (REMOTE_ADDR becomes the visitor's, for the public form's limit and the sign-in
    lockout), and the scheme from X-Forwarded-Proto (so HSTS and secure cookies follow
    https). CARELOOP_PROXY_ADDRESS names the proxy's own address when careloop can be reached
    other than through it ("*", the default, trusts whoever connects)."""
    if not settings.CARELOOP_BEHIND_PROXY:
        return {"clear_untrusted_proxy_headers": True}
    return {
        "trusted_proxy": settings.CARELOOP_PROXY_ADDRESS,
        "trusted_proxy_count": settings.CARELOOP_TRUSTED_PROXIES,
        "trusted_proxy_headers": PROXY_HEADERS,
        "clear_untrusted_proxy_headers": True,
    }


class Command(BaseCommand):
    help = "Serve careloop over HTTP with waitress."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        self.stdout.write(f"careloop is serving on http://{host}:{port}/")
        serve(
            application, host=host, port=port, threads=threads, ident="careloop", **proxy_options()
        )
