"""Attachments in S3-compatible object storage: private objects, written and read back
through the permission-checked views, against a real S3 server (moto's, started here)."""

import datetime
import socket

import boto3
import pytest
import requests
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from moto.server import ThreadedMotoServer

from programme.backup import backup
from tests.editions.factories import CallFactory
from tests.programme.factories import UserFactory
from tests.projects import uploads
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
BUCKET = "tremplin-pieces"
CREDENTIALS = {"aws_access_key_id": "tremplin", "aws_secret_access_key": "tremplin-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-west-3", **CREDENTIALS)
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
    )
    settings.STORAGES = django_settings.STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": django_settings.S3_STORAGE_OPTIONS
            | {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "eu-west-3",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
            },
        }
    }
    yield client
    for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=stored["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def draft():
    now = timezone.now()
    day = datetime.timedelta(days=1)
    return ApplicationFactory(call=CallFactory(opens_at=now - day, closes_at=now + day))


def test_an_upload_is_a_private_object_read_back_only_through_the_checked_view(
    client, bucket, draft, s3_endpoint
):
    client.force_login(draft.created_by)
    client.post(
        reverse("projects:application_attachments", args=[draft.pk]), {"file": uploads.pdf()}
    )
    attachment = draft.attachments.get()
    key = attachment.file.name

    stored = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    unsigned = requests.get(f"{s3_endpoint}/{BUCKET}/{key}", timeout=10)
    download = client.get(reverse("projects:attachment", args=[attachment.pk]))
    client.force_login(UserFactory())
    stranger = client.get(reverse("projects:attachment", args=[attachment.pk]))

    assert key.startswith(f"attachments/{draft.pk}/")
    assert stored == uploads.PDF
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert unsigned.status_code == 403
    assert b"".join(download.streaming_content) == uploads.PDF
    assert stranger.status_code == 404


def test_a_removed_attachment_leaves_no_object(client, bucket, draft):
    client.force_login(draft.created_by)
    client.post(
        reverse("projects:application_attachments", args=[draft.pk]), {"file": uploads.pdf()}
    )
    attachment = draft.attachments.get()

    client.post(reverse("projects:attachment_remove", args=[draft.pk, attachment.pk]))

    assert draft.attachments.count() == 0
    assert bucket.list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0


# Committed data: SQLite's backup waits for the test's open transaction otherwise.
@pytest.mark.django_db(transaction=True)
def test_a_backup_takes_the_files_from_the_object_storage(client, bucket, draft, tmp_path):
    client.force_login(draft.created_by)
    client.post(
        reverse("projects:application_attachments", args=[draft.pk]), {"file": uploads.pdf()}
    )

    manifest = backup(tmp_path / "sauvegarde.tar.gz")

    assert list(manifest["files"]) == [draft.attachments.get().file.name]
