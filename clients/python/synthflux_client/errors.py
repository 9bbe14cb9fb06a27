"""Named errors of the client. Refusals by the service (bad token, bad cursor, unknown campaign)
become one of these with the service's own explanation; transient faults are retried instead."""

import grpc


class SynthfluxError(Exception):
    """Base class of every error this package raises on purpose."""


class ConfigurationError(SynthfluxError):
    """A setting is missing or malformed; the message names the environment variable or argument."""


class AuthenticationError(SynthfluxError):
    """The service did not accept the token (UNAUTHENTICATED)."""


class PermissionDeniedError(SynthfluxError):
    """The token is valid but lacks the scope the call needs (PERMISSION_DENIED)."""


class InvalidArgumentError(SynthfluxError):
    """The service refused a request field (INVALID_ARGUMENT); the message names the field."""


class NotFoundError(SynthfluxError):
    """The campaign (or dataset) does not exist in the catalog (NOT_FOUND)."""


class ServiceError(SynthfluxError):
    """Any other gRPC failure that was not retried; `code` holds the gRPC status code."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


class ChecksumMismatchError(SynthfluxError):
    """The rows read from object storage are not the ones the batch event describes."""


class DatasetFormatError(SynthfluxError):
    """The array store is not laid out the way this reader understands (codec, chunking, dtype)."""


# Refusals that repeat on every try: the caller must change the request, so fail at once
# (the TypeScript consumer's rule, services/consumer/backoff.ts).
PERMANENT_CODES = frozenset(
    {
        grpc.StatusCode.UNAUTHENTICATED,
        grpc.StatusCode.PERMISSION_DENIED,
        grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.UNIMPLEMENTED,
    }
)


def rpc_code(err):
    """The gRPC status code of an error, or None when it is not a gRPC error."""
    code = getattr(err, "code", None)
    if callable(code):
        try:
            return code()
        except Exception:  # a grpc.RpcError that is not a Call has no code()
            return None
    return None


def is_retryable(err):
    code = rpc_code(err)
    return code is None or code not in PERMANENT_CODES


def from_rpc_error(err, what, token_source="SYNTHFLUX_TOKEN"):
    """Turns a gRPC error of call `what` into a named error carrying the service's explanation.
    The token itself never appears in the message, only where it came from."""
    code = rpc_code(err)
    details = err.details() if hasattr(err, "details") and callable(err.details) else str(err)
    if code == grpc.StatusCode.UNAUTHENTICATED:
        return AuthenticationError(
            f"{what}: the service refused the token from {token_source} (UNAUTHENTICATED: {details}); "
            "use a token issued for this service, holding the 'read' scope"
        )
    if code == grpc.StatusCode.PERMISSION_DENIED:
        return PermissionDeniedError(f"{what}: PERMISSION_DENIED: {details}")
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        return InvalidArgumentError(f"{what}: INVALID_ARGUMENT: {details}")
    if code == grpc.StatusCode.NOT_FOUND:
        return NotFoundError(f"{what}: NOT_FOUND: {details}")
    name = code.name if code is not None else type(err).__name__
    return ServiceError(f"{what}: {name}: {details}", code)
