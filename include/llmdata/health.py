"""Is each service the settings name there? One quick probe per service, and a one-line answer when it is not.

The CLI checks what a command needs before it starts, so a stopped Qdrant or a mistyped data folder reads as
"Qdrant at http://localhost:6333 does not answer (LLMDATA_QDRANT_URL): start it with `make stack`, or unset
the variable to use the embedded index" rather than a client library's traceback, and so that reading commands
never create an empty lake where the user meant to point at a full one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from llmdata.config import Settings, redacted_url
from llmdata.errors import LlmdataError, first_line

PROBE_SECONDS = 3.0  # a service on the same network answers well within this; a dead host must not hang the CLI


class ServiceUnavailable(LlmdataError, RuntimeError):
    """A service the settings name cannot be used; the message names it, the setting and the fix."""


@dataclass(frozen=True)
class Check:
    """The answer of one probe."""

    service: str
    where: str
    ok: bool
    problem: str = ""

    def raise_if_failed(self) -> None:
        if not self.ok:
            raise ServiceUnavailable(self.problem)


def lake_exists(settings: Settings) -> Check:
    """Whether the lake the settings name has been created (by a first ingest), without creating it."""
    where = settings.warehouse
    if settings.catalog_url.startswith("sqlite:///"):
        catalog = Path(settings.catalog_url.removeprefix("sqlite:///"))
        if not catalog.exists():
            setting = "LLMDATA_CATALOG_URI" if settings.catalog_uri else "LLMDATA_DATA_DIR"
            return Check("lake", where, False, f"no lake at {settings.data_path} (no catalog {catalog.name}; "
                         f"{setting}): point {setting} at the folder a pipeline run wrote, or run the ingest "
                         "DAG (`make demo`) to create one")
    return catalog_reachable(settings)


def catalog_reachable(settings: Settings) -> Check:
    """Whether the Iceberg catalog database accepts a connection."""
    url = settings.catalog_url
    if url.startswith("sqlite:///"):
        return Check("catalog", f"SQLite file {url.removeprefix('sqlite:///')}", True)
    from sqlalchemy import create_engine, text

    engine = create_engine(url, connect_args={"connect_timeout": int(PROBE_SECONDS)}
                           if url.startswith("postgresql") else {})
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as error:  # the driver's own error class differs per database
        reason = first_line(getattr(error, "orig", error), type(error).__name__)
        return Check("catalog", redacted_url(url), False, f"the catalog database {redacted_url(url)} does not answer "
                     f"({reason}; LLMDATA_CATALOG_URI): start it (`make stack`) or fix the URL")
    finally:
        engine.dispose()
    return Check("catalog", f"{redacted_url(url)} answers", True)


def object_store_reachable(settings: Settings) -> Check:
    """Whether the S3 bucket of an s3:// lake can be listed (a local lake needs no object store)."""
    if not settings.is_s3_lake:
        return Check("object store", f"none needed (a local lake, {settings.warehouse})", True)
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    bucket = settings.warehouse.removeprefix("s3://").split("/", 1)[0]
    endpoint = settings.s3_endpoint or "AWS S3"
    client = boto3.client(
        "s3", endpoint_url=settings.s3_endpoint or None, region_name=settings.s3_region,
        aws_access_key_id=settings.s3_access_key_id or None,
        aws_secret_access_key=settings.s3_secret_access_key or None,
        aws_session_token=settings.s3_session_token or None,
        config=Config(connect_timeout=PROBE_SECONDS, read_timeout=PROBE_SECONDS, retries={"max_attempts": 1}))
    try:
        client.head_bucket(Bucket=bucket)
    except ClientError as error:
        code = str(error.response.get("Error", {}).get("Code", ""))
        if code in ("404", "NoSuchBucket"):
            return Check("object store", endpoint, False, f"bucket {bucket!r} does not exist at {endpoint} "
                         "(LLMDATA_LAKE_URI): create it or fix the URI")
        return Check("object store", endpoint, False, f"the S3 server {endpoint} refuses bucket {bucket!r} "
                     f"(HTTP {code}; LLMDATA_S3_ACCESS_KEY_ID, LLMDATA_S3_SECRET_ACCESS_KEY): check the keys")
    except NoCredentialsError:
        return Check("object store", endpoint, False, f"no S3 keys for {endpoint} (LLMDATA_S3_ACCESS_KEY_ID, "
                     "LLMDATA_S3_SECRET_ACCESS_KEY, or the AWS environment): set them")
    except BotoCoreError as error:
        return Check("object store", endpoint, False, f"the S3 server {endpoint} does not answer ({error}; "
                     "LLMDATA_S3_ENDPOINT): start it (`make stack`) or fix the setting")
    return Check("object store", f"bucket {bucket} at {endpoint} answers", True)


def qdrant_reachable(settings: Settings) -> Check:
    """Whether the Qdrant server answers (the embedded index needs no server and always passes)."""
    if not settings.qdrant_url:
        return Check("Qdrant", f"embedded index in {settings.qdrant_folder}", True)
    from qdrant_client import QdrantClient

    from llmdata.index.server import client_arguments

    client = QdrantClient(**client_arguments(settings.qdrant_url, settings.qdrant_api_key, settings.qdrant_options),
                          timeout=int(PROBE_SECONDS), check_compatibility=False)
    try:
        client.get_collections()
    except Exception as error:
        reason = first_line(error, type(error).__name__)
        unauthorised = "401" in reason or "403" in reason
        fix = ("check LLMDATA_QDRANT_API_KEY" if unauthorised else
               "start it (`make stack`), or unset LLMDATA_QDRANT_URL to use the embedded index")
        return Check("Qdrant", settings.qdrant_url, False,
                     f"Qdrant at {settings.qdrant_url} does not answer ({reason}; LLMDATA_QDRANT_URL): {fix}")
    finally:
        client.close()
    return Check("Qdrant", f"{settings.qdrant_url} answers", True)


def reachability(settings: Settings) -> list[Check]:
    """Every service the settings name, probed (what ``llmdata validate`` reports)."""
    return [catalog_reachable(settings), object_store_reachable(settings), qdrant_reachable(settings)]


def require(settings: Settings, *, lake: bool = False, index: bool = False) -> None:
    """Raise :class:`ServiceUnavailable` for the first service a command needs that is not there."""
    if lake:
        lake_exists(settings).raise_if_failed()
        object_store_reachable(settings).raise_if_failed()
    if index:
        if not settings.qdrant_url and not settings.qdrant_folder.exists():
            setting = "LLMDATA_QDRANT_PATH" if settings.qdrant_path else "LLMDATA_DATA_DIR"
            raise ServiceUnavailable(f"no index at {settings.qdrant_folder} ({setting}): point {setting} at the "
                                     "folder a rag_index run wrote, or run the rag_index DAG to build one")
        qdrant_reachable(settings).raise_if_failed()
