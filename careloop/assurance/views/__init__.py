"""Pages of the assurance area, one module per part: overview, evidence, self-assessment,
reports, peers and the framework."""

from careloop.assurance.views.overview import index

__all__ = ["index"]
