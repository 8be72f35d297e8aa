"""Units and accounts in and out as tables (CSV/XLSX), for setting up a whole district at once.

Imports are all or nothing: every row is checked first; any error leaves everything as it was
and comes back as 'Dòng N: …' messages. Every created or changed row is audited.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nq57.audit.actions import record
from nq57.lib.tabular import Columns, read_table
from nq57.lib.vntext import fold
from nq57.orgs.actions import Actor
from nq57.orgs.models import Membership, Unit, User
from nq57.orgs.names import normalize_unit_name
from nq57.orgs.unit_actions import UnitActionError, add_alias, create_unit

T = TypeVar("T")

UNIT_HEADERS = ["Mã", "Tên đơn vị", "Tên viết tắt", "Cấp", "Mã cấp trên", "Đơn vị cấp trên",
                "Trạng thái", "Tên gọi khác"]  # fmt: skip
UNIT_COLUMNS: Columns = {
    "name": ("Tên đơn vị", "Tên", "Tên cơ quan, đơn vị"),
    "parent": ("Đơn vị cấp trên", "Cấp trên", "Trực thuộc"),
}
UNIT_OPTIONAL: Columns = {
    "id": ("Mã",),
    "short_name": ("Tên viết tắt",),
    "level": ("Cấp",),
    "parent_id": ("Mã cấp trên",),
    "aliases": ("Tên gọi khác",),
}
ACCOUNT_COLUMNS: Columns = {
    "username": ("Tên đăng nhập", "Tài khoản"),
    "unit": ("Đơn vị", "Cơ quan, đơn vị"),
    "role": ("Vai trò",),
}
ACCOUNT_OPTIONAL: Columns = {
    "full_name": ("Họ và tên", "Họ tên"),
    "email": ("Thư điện tử", "Email"),
}


class TransferError(Exception):
    """Rows that cannot be imported; `messages` are Vietnamese, one per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def units_csv(units: Iterable[Unit]) -> bytes:
    """The units as CSV for Excel (UTF-8 with BOM, ';' as Vietnamese Excel expects)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(UNIT_HEADERS)
    writer.writerows(unit_rows(units))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def units_xlsx(units: Iterable[Unit]) -> bytes:
    """The units as an XLSX sheet 'Đơn vị' (same columns as the CSV; re-importable)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("Đơn vị")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    sheet.write_row(0, 0, UNIT_HEADERS, bold)
    rows = unit_rows(units)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, row)
    for column, width in enumerate((8, 50, 14, 16, 12, 45, 14, 40)):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(1, len(rows)), len(UNIT_HEADERS) - 1)
    book.close()
    return buffer.getvalue()


def unit_rows(units: Iterable[Unit]) -> list[list[str]]:
    return [
        [
            str(u.pk), u.name, u.short_name, u.get_level_display(),
            str(u.parent_id or ""), u.parent.name if u.parent else "",
            u.get_status_display(), "; ".join(a.alias for a in u.aliases.all()),
        ]
        for u in units
    ]  # fmt: skip


@transaction.atomic
def import_units(*, data: bytes, allowed: Iterable[Unit], actor: Actor) -> ImportReport:
    """Create or update units below the `allowed` ones (the importer's scope)."""
    scope = {u.pk: u for u in allowed}
    rows = read_table(data, UNIT_COLUMNS, UNIT_OPTIONAL)
    errors: list[str] = []
    report = ImportReport()
    for number, row in enumerate(rows, start=2):
        try:
            _import_unit(row, scope, actor, report)
        except TransferError as error:
            errors += [f"Dòng {number}: {message}" for message in error.messages]
    if errors:
        transaction.set_rollback(True)
        raise TransferError(errors)
    return report


def _import_unit(
    row: dict[str, str], scope: dict[int, Unit], actor: Actor, report: ImportReport
) -> None:
    known = row.get("id", "")
    unit = scope.get(int(known)) if known.isdigit() else None  # a row exported from here
    if unit is None:
        parent = _parent(row, scope)
        level = _level(row.get("level", ""), default=Unit.Level.DEPARTMENT)
        folded = normalize_unit_name(row["name"])
        unit = Unit.objects.filter(parent=parent, folded_name=folded).first()
    if unit is None:
        create = partial(create_unit, name=row["name"], parent=parent, level=level,
                         actor=actor, short_name=row.get("short_name", ""))  # fmt: skip
        unit = _refused_as_row_error(create)
        scope[unit.pk] = unit
        report.created.append(unit.name)
    elif row.get("short_name") and row["short_name"] != unit.short_name:
        before = {"short_name": unit.short_name}
        unit.short_name = row["short_name"]
        unit.save(update_fields=["short_name"])
        record(actor=actor, action="orgs.unit_changed", obj=unit, before=before,
               after={"short_name": unit.short_name})  # fmt: skip
        report.updated.append(unit.name)
    for alias in filter(None, (a.strip() for a in row.get("aliases", "").split(";"))):
        if not unit.aliases.filter(folded=normalize_unit_name(alias)).exists():
            _refused_as_row_error(partial(add_alias, unit=unit, alias=alias, actor=actor))


def _refused_as_row_error(write: Callable[[], T]) -> T:
    """Run a unit-tree write; its refusal becomes this row's error."""
    try:
        return write()
    except UnitActionError as error:
        raise TransferError([error.message]) from error


def _parent(row: dict[str, str], scope: dict[int, Unit]) -> Unit:
    return _one_unit(
        row.get("parent", ""), scope.values(), code=row.get("parent_id", ""),
        what="đơn vị cấp trên", hint="«Mã cấp trên»",
    )  # fmt: skip


def _one_unit(name: str, scope: Iterable[Unit], *, code: str, what: str, hint: str) -> Unit:
    """The unit of `scope` with id `code`, else the one named `name`; none or several is a
    row error."""
    units = list(scope)
    by_code = [u for u in units if code.isdigit() and u.pk == int(code)]
    if by_code:
        return by_code[0]
    found = [u for u in units if u.folded_name == normalize_unit_name(name)]
    if len(found) == 1:
        return found[0]
    if found:
        raise TransferError([f"có {len(found)} đơn vị tên «{name}»; hãy ghi {hint}."])
    raise TransferError([f"không tìm thấy {what} «{name}» trong các đơn vị bạn quản lý."])


def _level(text: str, *, default: str) -> str:
    if not text.strip():
        return default
    for value, label in Unit.Level.choices:
        if fold(text) in (fold(value), fold(label)):
            return value
    raise TransferError([f"cấp «{text}» không hợp lệ."])


@transaction.atomic
def import_accounts(
    *, data: bytes, allowed: Iterable[Unit], roles: Iterable[str], actor: Actor,
    request: HttpRequest | None = None,
) -> ImportReport:  # fmt: skip
    """Create accounts (no password: each gets an e-mail to set one) with a role at a unit."""
    scope = list(allowed)
    permitted = set(roles)
    rows = read_table(data, ACCOUNT_COLUMNS, ACCOUNT_OPTIONAL)
    errors: list[str] = []
    report = ImportReport()
    new_users: list[User] = []
    for number, row in enumerate(rows, start=2):
        try:
            user = _import_account(row, scope, permitted, actor, report)
        except TransferError as error:
            errors += [f"Dòng {number}: {message}" for message in error.messages]
            continue
        if user is not None:
            new_users.append(user)
    if errors:
        transaction.set_rollback(True)
        raise TransferError(errors)
    transaction.on_commit(lambda: _invite(new_users, request))
    return report


def _import_account(
    row: dict[str, str], scope: list[Unit], permitted: set[str], actor: Actor,
    report: ImportReport,
) -> User | None:  # fmt: skip
    unit = _one_unit(row["unit"], scope, code=row["unit"], what="đơn vị", hint="mã đơn vị")
    role = _role(row["role"], permitted)
    user = User.objects.filter(username=row["username"]).first()
    created = user is None
    if user is None:
        first, _, last = row.get("full_name", "").rpartition(" ")
        user = User.objects.create_user(
            row["username"], email=row.get("email", ""), first_name=first, last_name=last
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        record(actor=actor, action="orgs.user_created", obj=user, after={"username": user.username})
        report.created.append(user.username)
    _, made = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if made:
        record(actor=actor, action="orgs.role_given", obj=user,
               after={"unit": unit.pk, "role": role})  # fmt: skip
        if not created:
            report.updated.append(user.username)
    return user if created and user.email else None


def _role(text: str, permitted: set[str]) -> str:
    for value, label in Membership.Role.choices:
        if fold(text) in (fold(value), fold(label)) and value in permitted:
            return value
    labels = ", ".join(
        f"«{label}»" for value, label in Membership.Role.choices if value in permitted
    )
    raise TransferError([f"vai trò «{text}» không hợp lệ; dùng một trong {labels}."])


def _invite(users: list[User], request: HttpRequest | None) -> None:
    """Send each new account the e-mail that sets its first password (a reset link: the
    account has no usable password, which Django's reset form would skip)."""
    domain = request.get_host() if request else settings.NQ57_SITE_DOMAIN
    protocol = "https" if request and request.is_secure() else "http"
    for user in users:
        context = {
            "user": user,
            "domain": domain,
            "protocol": protocol,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
        subject = render_to_string("web/password_reset_subject.txt", context).strip()
        body = render_to_string("web/password_reset_email.txt", context)
        send_mail(subject, body, None, [user.email])
