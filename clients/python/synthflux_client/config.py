"""Where the service and the object store are and how to authenticate, read from the environment.

Variables (the same names the TypeScript services and `npm run stack:up` use):
  SUBSCRIPTIONS_ADDRESS   host:port of the API service (default 127.0.0.1:50070)
  SYNTHFLUX_TOKEN         bearer token with the 'read' scope (required)
  SUBSCRIPTIONS_TLS_CA    PEM file: connect with TLS and trust this CA (default: plain loopback)
  S3_ENDPOINT             default http://127.0.0.1:9000
  S3_ACCESS_KEY, S3_SECRET_KEY, S3_SESSION_TOKEN, S3_REGION (default us-east-1)
  SYNTHFLUX_STACK_DIR     an embedded stack's folder (default ./.synthflux when it exists): its
                          stack.env, credentials.env and subscriptions.env fill what the environment lacks
"""

import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .errors import ConfigurationError

STACK_FILES = ("stack.env", "credentials.env", "subscriptions.env")
_ENV_LINE = re.compile(r"^([A-Z0-9_]+)=(.*)$")
_ADDRESS = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$")


def read_env_file(path):
    """KEY=VALUE lines, as services/stack/credentials.ts writes them."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = _ENV_LINE.match(line.strip())
            if m:
                out[m.group(1)] = m.group(2)
    return out


def _with_stack_files(environ):
    stack_dir = environ.get("SYNTHFLUX_STACK_DIR") or (".synthflux" if os.path.isdir(".synthflux") else None)
    merged = {}
    if stack_dir:
        for name in STACK_FILES:
            path = os.path.join(stack_dir, name)
            if os.path.isfile(path):
                merged.update(read_env_file(path))
    merged.update({k: v for k, v in environ.items() if v != ""})
    return merged


@dataclass(frozen=True)
class Settings:
    address: str = "127.0.0.1:50070"
    # repr=False: printing or logging the settings never shows the token or the S3 secret.
    token: str = field(default="", repr=False)
    token_source: str = "SYNTHFLUX_TOKEN"
    tls_ca: str = ""
    s3_endpoint: str = "http://127.0.0.1:9000"
    s3_access_key: str = ""
    s3_secret_key: str = field(default="", repr=False)
    s3_session_token: str = field(default="", repr=False)
    s3_region: str = "us-east-1"

    @classmethod
    def from_env(cls, environ=None):
        env = _with_stack_files(os.environ if environ is None else environ)
        settings = cls(
            address=env.get("SUBSCRIPTIONS_ADDRESS", cls.address),
            token=env.get("SYNTHFLUX_TOKEN", ""),
            tls_ca=env.get("SUBSCRIPTIONS_TLS_CA", ""),
            s3_endpoint=env.get("S3_ENDPOINT", cls.s3_endpoint),
            s3_access_key=env.get("S3_ACCESS_KEY", ""),
            s3_secret_key=env.get("S3_SECRET_KEY", ""),
            s3_session_token=env.get("S3_SESSION_TOKEN", ""),
            s3_region=env.get("S3_REGION", cls.s3_region),
        )
        settings.check()
        return settings

    def check(self):
        """Raises ConfigurationError naming the first setting that cannot work."""
        if not self.token:
            raise ConfigurationError(
                "SYNTHFLUX_TOKEN is not set: it must hold a token with the 'read' scope "
                "(the embedded stack writes one to .synthflux/subscriptions.env)"
            )
        if any(c.isspace() for c in self.token):
            raise ConfigurationError("SYNTHFLUX_TOKEN contains whitespace: set the token alone, without 'Bearer '")
        if not _ADDRESS.match(self.address):
            raise ConfigurationError(f"SUBSCRIPTIONS_ADDRESS must be host:port, got {self.address!r}")
        if self.tls_ca and not os.path.isfile(self.tls_ca):
            raise ConfigurationError(f"SUBSCRIPTIONS_TLS_CA: no such file {self.tls_ca!r}")
        url = urlparse(self.s3_endpoint)
        if url.scheme not in ("http", "https") or not url.netloc:
            raise ConfigurationError(f"S3_ENDPOINT must be an http(s) URL, got {self.s3_endpoint!r}")

    def check_s3(self):
        if not self.s3_access_key or not self.s3_secret_key:
            raise ConfigurationError("S3_ACCESS_KEY and S3_SECRET_KEY are required to read arrays from object storage")
