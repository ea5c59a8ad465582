# The personal data area begins with no tables of its own: each duty's migration adds its own.
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations: list = []
