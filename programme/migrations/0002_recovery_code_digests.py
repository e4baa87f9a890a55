"""The recovery codes stored before 3 December 2026 were the codes themselves: each is
replaced by its keyed digest (``programme.second_factor.recovery_digest``, restated
here as a migration must not import the code it may outlive). The codes people noted
keep working."""

import re

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac

DIGEST = re.compile(r"^[0-9a-f]{16}$")


def digest_clear_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all():
        if DIGEST.match(token.token):
            continue
        code = re.sub(r"[\s-]", "", token.token).lower()
        digest = salted_hmac(
            "tremplin.second_factor.recovery_code",
            code,
            secret=settings.SECRET_KEY,
            algorithm="sha256",
        )
        token.token = digest.hexdigest()[:16]
        token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0001_squashed_0008_mail_templates"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [
        migrations.RunPython(digest_clear_codes, migrations.RunPython.noop, elidable=True),
    ]
