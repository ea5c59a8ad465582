# Counts are also kept for pairs of slices ("kind+service") and equality groups
# ("equality+kind", "gender_same_as_birth:prefer_not+complaint"), whose names are longer; the
# pair counts of feedback already classified are built once here (the nightly rebuild would
# otherwise leave two-filter dashboards empty until it runs).

from django.db import migrations, models


def count_pairs(apps, schema_editor):
    from careloop.themes import aggregates

    if apps.get_model("themes", "Classification").objects.exists():
        aggregates.rebuild()


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="monthlycount", name="dim", field=models.CharField(max_length=20)
        ),
        migrations.AlterField(
            model_name="monthlycount",
            name="value",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.RunPython(count_pairs, migrations.RunPython.noop),
    ]
