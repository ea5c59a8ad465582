from django.db import migrations


def add_letters(apps, schema_editor):
    from careloop.feedback.letter_text import DEFAULTS

    LetterTemplate = apps.get_model("feedback", "LetterTemplate")
    for name, purpose, body in DEFAULTS:
        LetterTemplate.objects.get_or_create(name=name, defaults={"purpose": purpose, "body": body})


class Migration(migrations.Migration):
    dependencies = [("feedback", "0003_public_submissions")]

    operations = [migrations.RunPython(add_letters, migrations.RunPython.noop)]
