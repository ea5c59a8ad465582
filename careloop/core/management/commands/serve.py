"""`careloop serve`: the web server (waitress), for the demo and small deployments."""

from django.core.management.base import BaseCommand
from waitress import serve

from careloop.wsgi import application


class Command(BaseCommand):
    help = "Serve careloop over HTTP with waitress."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        self.stdout.write(f"careloop is serving on http://{host}:{port}/")
        serve(application, host=host, port=port, threads=threads, ident="careloop")
