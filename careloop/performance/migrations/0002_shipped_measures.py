"""The seven published measures careloop ships with (the definitions in services.SHIPPED)."""

from django.db import migrations

SHIPPED = (
    ("ASC1", "carer-reported quality of life", "score", "higher", "sace", 1),
    ("ASC2", "quality-of-life impact of services (adjusted)", "score", "higher", "ascs", 3),
    ("ASC3", "ease of finding information about services (people who use services)", "percent",
     "higher", "ascs", 1),
    ("ASC4", "ease of finding information about support (carers)", "percent", "higher", "sace",
     1),
    ("ASC5", "short-term services with no further request for ongoing support", "percent",
     "higher", "ascof", 1),
    ("ASC6", "requests resulting in a service", "rate", "none", "ascof", 1),
    ("ASC7", "adult social care workforce turnover", "percent", "none", "sfc", 1),
)  # fmt: skip


def add(apps, schema_editor):
    Measure = apps.get_model("performance", "Measure")
    for code, name, unit, polarity, source, decimals in SHIPPED:
        Measure.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "polarity": polarity,
                "source": source,
                "decimals": decimals,
                "frequency": "annual",
                "shipped": True,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("performance", "Measure").objects.filter(shipped=True).delete()


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_measures_councils_figures")]
    operations = [migrations.RunPython(add, remove)]
