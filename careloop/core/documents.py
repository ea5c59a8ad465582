"""Documents (letters, reports, meeting packs) rendered to PDF with WeasyPrint.

The same Django templates make the HTML preview and the PDF; document templates extend
`documents/base.html` (A4, the council's name in the header, page numbers in the footer).
Charts are inline SVG, which WeasyPrint draws.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def _static_fetcher(url: str, *args, **kwargs):
    """Resolve /static/ URLs from the app folders, never from the network."""
    from weasyprint.urls import default_url_fetcher

    if url.startswith("file:") or url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    path = url.split(settings.STATIC_URL, 1)[-1] if settings.STATIC_URL in url else None
    found = finders.find(path) if path else None
    if not found:
        raise ValueError(f"careloop documents may only use bundled files, not {url!r}")
    return default_url_fetcher(f"file://{found}", *args, **kwargs)


def render_html(template_name: str, context: dict | None = None) -> str:
    context = {
        "council_name": settings.COUNCIL_NAME,
        "council_logo": settings.COUNCIL_LOGO,
        "service_name": settings.SERVICE_NAME,
        **(context or {}),
    }
    return render_to_string(template_name, context)


def render_pdf(template_name: str, context: dict | None = None) -> bytes:
    """The template rendered to a PDF document (bytes)."""
    from weasyprint import HTML

    html = render_html(template_name, context)
    return HTML(
        string=html, base_url="http://careloop.invalid/", url_fetcher=_static_fetcher
    ).write_pdf()
