"""SMTP security against a real TLS server on loopback: STARTTLS and implicit SSL with
certificate verification (a private CA named by [smtp] ca_file), login with the
password from the environment, and a refusal to send a password in clear."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from conftest import free_port
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from scheduler_helpers import Inbox

from pipelines.config import SmtpConfig
from scheduler import mailer

PASSWORD = "s3cret-from-env"


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, standing in for a relay's private CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "govwatch test relay")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "relay.pem", folder / "relay.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def _server_context(cert) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*cert)
    return ctx


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"govwatch" and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535


def _mail(to: str = "desk@test.invalid") -> mailer.Mail:
    return mailer.Mail(
        "<t.1@test.invalid>", "govwatch@test.invalid", to, "测试 digest", "正文", "<p>正文</p>"
    )


def _send(cfg: SmtpConfig) -> None:
    conn = mailer.open_connection(cfg, timeout=10)
    try:
        mailer.send(conn, _mail())
    finally:
        mailer.close(conn)


def test_starttls_with_verified_certificate_and_password_from_environment(cert, monkeypatch):
    inbox = Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=_server_context(cert),
        require_starttls=True,
        authenticator=_authenticator,
        auth_require_tls=True,
    )
    controller.start()
    try:
        cfg = SmtpConfig(
            host="127.0.0.1",
            port=controller.port,
            security="starttls",
            username="govwatch",
            ca_file=str(cert[0]),
        )
        monkeypatch.setenv(cfg.password_env, PASSWORD)
        _send(cfg)
        assert len(inbox.messages) == 1 and inbox.messages[0].rcpt_tos == ["desk@test.invalid"]

        monkeypatch.setenv(cfg.password_env, "wrong")
        with pytest.raises(
            mailer.SmtpConfigError, match=r"login as govwatch on 127\.0\.0\.1:\d+ refused"
        ):
            _send(cfg)

        # without the private CA the certificate is not trusted: nothing is sent
        monkeypatch.setenv(cfg.password_env, PASSWORD)
        cfg.ca_file = None
        with pytest.raises(mailer.SmtpUnavailable, match="CERTIFICATE_VERIFY_FAILED"):
            _send(cfg)
        assert len(inbox.messages) == 1
    finally:
        controller.stop()


def test_implicit_ssl(cert):
    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=free_port(), ssl_context=_server_context(cert)
    )
    try:
        controller.start()
    except Exception as exc:  # aiosmtpd's readiness probe may not speak TLS on every version
        pytest.skip(f"aiosmtpd could not start an SMTPS listener here: {exc}")
    try:
        _send(
            SmtpConfig(host="127.0.0.1", port=controller.port, security="ssl", ca_file=str(cert[0]))
        )
        assert len(inbox.messages) == 1
    finally:
        controller.stop()


def test_password_is_never_sent_in_clear_to_a_remote_host(monkeypatch):
    cfg = SmtpConfig(host="smtp.example.org", port=25, security="none", username="govwatch")
    monkeypatch.setenv(cfg.password_env, PASSWORD)
    with pytest.raises(
        mailer.SmtpConfigError, match='security = "none" would send the password in clear'
    ):
        mailer.open_connection(cfg)


def test_unreadable_ca_file_is_a_config_error_naming_it():
    cfg = SmtpConfig(host="127.0.0.1", port=free_port(), ca_file="/nonexistent/ca.pem")
    with pytest.raises(
        mailer.SmtpConfigError, match=r"ca_file = '/nonexistent/ca.pem': cannot load"
    ):
        mailer.open_connection(cfg)
