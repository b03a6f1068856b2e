"""`manage.py check_signing [--agency KEY …]`: open each configured signing certificate and say
plainly what is wrong (missing file, wrong password, expired, no signing key usage), or print
its subject and validity when it is fine. Exits with an error when anything is wrong."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from agencies.models import Agency
from documents.signing import (
    SigningError,
    certificate_problem,
    describe_name,
    load_signer,
    setup_from_entry,
    signing_config,
    tsa_check,
)


def _agency_for(key: str):
    agency = Agency.objects.filter(short_name=key).first()
    if agency is None and key.isdigit():
        agency = Agency.objects.filter(pk=int(key)).first()
    return agency


class Command(BaseCommand):
    help = "Check the agencies' signing certificates configured in SIGNING_CONFIG_FILE."

    def add_arguments(self, parser):
        parser.add_argument(
            "--agency",
            action="append",
            default=[],
            help="Agency short name or id (repeatable); default: every configured agency.",
        )

    def handle(self, *args, **options):
        if not settings.SIGNING_CONFIG_FILE:
            raise CommandError(
                _("Chưa cấu hình SIGNING_CONFIG_FILE: hệ thống ban hành văn bản không ký số.")
            )
        try:
            config = signing_config()
        except SigningError as error:
            raise CommandError(f"{error.message} ({settings.SIGNING_CONFIG_FILE})") from error
        failures = sum(not self._check(key, config) for key in self._keys(options, config))
        if failures:
            raise CommandError(_("%(count)s chứng thư số có lỗi.") % {"count": failures})

    def _keys(self, options, config) -> list[str]:
        wanted = options["agency"] or list(config)
        if not wanted:
            raise CommandError(_("Tệp cấu hình chữ ký số chưa có cơ quan nào."))
        keys = []
        for key in wanted:
            agency = _agency_for(key)
            candidates = [key] + ([agency.short_name, str(agency.pk)] if agency else [])
            keys.append(next((k for k in candidates if k in config), key))
        return keys

    def _check(self, key: str, config: dict) -> bool:
        agency = _agency_for(key)
        label = f"{key} ({agency.name})" if agency else key
        if key not in config:
            self.stderr.write(f"✗ {label}: " + _("Cơ quan này chưa được cấu hình chứng thư số."))
            return False
        entry = config[key] if isinstance(config[key], dict) else {}
        try:
            setup = setup_from_entry(key, config[key])
            loaded = load_signer(setup)
            problem = certificate_problem(loaded.certificate)
            if problem is not None:
                raise problem
        except SigningError as error:
            files = ", ".join(str(entry[k]) for k in ("pkcs12", "password_file") if entry.get(k))
            self.stderr.write(f"✗ {label}: {error.message} [{files}]")
            return False
        if agency is None:
            self.stdout.write(
                self.style.WARNING(
                    _("! %(key)s: không có cơ quan nào có tên viết tắt hoặc mã này.") % {"key": key}
                )
            )
        self._report_ok(label, loaded.certificate)
        return self._check_tsa(label, setup.tsa_url)

    def _check_tsa(self, label: str, url: str) -> bool:
        """Ask the configured time-stamping authority for one timestamp, as issuing will."""
        if not url:
            return True
        try:
            tsa_check(url)
        except TimestampRequestError as error:
            self.stderr.write(
                f"✗ {label}: "
                + _("máy chủ cấp dấu thời gian %(url)s không trả lời được (%(error)s).")
                % {"url": url, "error": error}
            )
            return False
        self.stdout.write(
            self.style.SUCCESS(f"✓ {label}: ")
            + _("máy chủ cấp dấu thời gian %(url)s trả lời được.") % {"url": url}
        )
        return True

    def _report_ok(self, label: str, certificate) -> None:
        def day(moment):
            return timezone.localtime(moment).strftime("%d/%m/%Y")

        self.stdout.write(
            self.style.SUCCESS(f"✓ {label}: ")
            + _("%(subject)s; cấp bởi %(issuer)s; hiệu lực từ %(start)s đến %(end)s")
            % {
                "subject": describe_name(certificate.subject),
                "issuer": describe_name(certificate.issuer),
                "start": day(certificate.not_valid_before_utc),
                "end": day(certificate.not_valid_after_utc),
            }
        )
