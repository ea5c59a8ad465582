"""`careloop bench` gives benchmarks the demo world without their importing the demo."""

from importlib import import_module
from importlib.util import find_spec

import pytest
from django.apps import apps

from careloop import demo
from careloop.core import benchmarking
from careloop.core.benchmarking import load_world, needs_world, world_loader, world_needed


def test_a_benchmark_names_the_world_it_needs():
    @needs_world("org", "learning")
    def some(repeat):
        yield {}

    @needs_world()
    def everything(repeat):
        yield {}

    def nothing(repeat):
        yield {}

    assert world_needed(some) == ("org", "learning")
    assert world_needed(everything) == ()
    assert world_needed(nothing) is None


def test_the_world_comes_from_the_demo_app():
    assert world_loader() is demo.load


def test_load_world_loads_only_what_is_asked(monkeypatch):
    calls = []
    monkeypatch.setattr(benchmarking, "world_loader", lambda: lambda **kw: calls.append(kw))

    @needs_world("org")
    def some(repeat):
        yield {}

    def nothing(repeat):
        yield {}

    load_world(some)
    load_world(nothing)
    assert [call["only"] for call in calls] == [("org",)]


def test_every_benchmark_asks_only_for_demo_steps_that_exist():
    steps = {demo.step_name(step) for step in demo.STEPS}
    found = 0
    for config in apps.get_app_configs():
        if config.name.startswith("careloop.") and find_spec(f"{config.name}.bench"):
            for benchmark in import_module(f"{config.name}.bench").BENCHMARKS:
                found += 1
                assert set(world_needed(benchmark) or ()) <= steps, benchmark.__name__
    assert found > 10


def test_demo_load_refuses_a_step_it_does_not_have():
    with pytest.raises(ValueError, match="No demo step named nowhere"):
        demo.load(log=lambda line: None, only=("nowhere",))
