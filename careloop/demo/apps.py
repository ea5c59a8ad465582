from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional Northshire council: `careloop demo` (management/commands/demo.py) and the
    world benchmarks run on (`careloop bench` finds `careloop_world` here, so neither the core
    nor any area imports this package)."""

    name = "careloop.demo"
    label = "demo"
    verbose_name = "Northshire demo council"
    # f(log, only=()) -> None: loads the demo (all of it, or the named STEPS) idempotently
    careloop_world = "careloop.demo.load"
