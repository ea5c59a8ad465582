"""The seven published measures careloop ships: no longer written here. `services.SHIPPED`
holds their definitions and `receivers` puts any missing one back after every migrate (and
flush), so there is one copy of them; this migration stays so that 0003 keeps its parent."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_measures_councils_figures")]
    operations: list = []
