# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shop's one upload policy, used by every route that takes a customer's or staff's file.

Customers send artwork with a quote request and on a job's page, marked-up files with a proof
answer; staff upload artwork and proof files in the back office. Every one of those goes
through ``res.company._print_check_upload`` (and ``_print_upload_attachment`` to store it):

* the file name is a plain name, its extension is on the company's allow-list, and HTML, SVG,
  scripts and executables are never accepted, whatever the list says;
* the file's leading bytes are those of its type (a PDF starts with ``%PDF-``, an AI file is a
  PDF or PostScript inside, ...); an executable or a web page is refused under any name;
* the size is known from the spooled upload without reading it, and counted again while the
  file is copied in chunks into the filestore: an upload is never read whole into memory;
* a ZIP archive only when the company allows archives, and then only when what it unpacks to
  is bounded (declared and actual sizes, number of members) and every member passes the same
  name and content checks.

The functions at the top need no database.
"""

import hashlib
import io
import os
import tempfile
import zipfile

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.http import DEFAULT_MAX_CONTENT_LENGTH

MB = 1024 * 1024
CHUNK = MB
# How much of the start of a file the content check reads.
HEAD = 8192
# A request up to this much over the largest limit is still read, so that the form can say
# which file is too large; a larger one gets the framework's "413 Request Entity Too Large".
UPLOAD_MARGIN_MB = 16
DEFAULT_EXTENSIONS = "pdf, ai, eps, ps, tif, tiff, jpg, jpeg, png, psd"
ZIP_MAX_MEMBERS = 500

# Never accepted, whatever the company's list says: they run in a browser or on a computer.
NEVER_EXTENSIONS = frozenset(
    "htm html xhtml shtml mht mhtml hta svg svgz xml xsl xslt js mjs swf "
    "exe dll com scr msi msp bat cmd vbs vbe wsf ps1 psm1 sh bash csh zsh run bin elf so "
    "dylib app apk jar class py pl rb php phtml jsp asp aspx cgi lnk reg".split()
)

# Leading bytes of each kind of file the shop may take.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "ps": (b"%!PS", b"%!"),
    "eps_dos": (b"\xc5\xd0\xd3\xc6",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "tiff": (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"),
    "psd": (b"8BPS",),
    "gif": (b"GIF87a", b"GIF89a"),
    "bmp": (b"BM",),
    "zip": (b"PK\x03\x04", b"PK\x05\x06"),
}
# The kinds a file with this extension may be (AI files are PDF or PostScript inside).
EXTENSION_KINDS = {
    "pdf": {"pdf"},
    "ai": {"pdf", "ps"},
    "eps": {"ps", "eps_dos"},
    "epsf": {"ps", "eps_dos"},
    "ps": {"ps"},
    "tif": {"tiff"},
    "tiff": {"tiff"},
    "jpg": {"jpeg"},
    "jpeg": {"jpeg"},
    "jpe": {"jpeg"},
    "png": {"png"},
    "psd": {"psd"},
    "psb": {"psd"},
    "gif": {"gif"},
    "bmp": {"bmp"},
    "zip": {"zip"},
}
MIMETYPES = {
    "pdf": "application/pdf",
    "ps": "application/postscript",
    "eps_dos": "application/postscript",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
    "psd": "image/vnd.adobe.photoshop",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "zip": "application/zip",
}
# Executables: Windows (MZ), Linux (ELF), macOS (Mach-O, universal), scripts (#!).
EXECUTABLE_SIGNATURES = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
MARKUP_WORDS = (b"<html", b"<svg", b"<script", b"<!doctype", b"<?xml", b"<body", b"<iframe")


def file_extension(name):
    """The lower-case extension of ``name`` without its dot ("" when it has none)."""
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def is_plain_name(name):
    """A file name without a path, not hidden, without control characters."""
    return bool(
        name
        and "/" not in name
        and "\\" not in name
        and not name.startswith(".")
        and not any(ord(char) < 32 for char in name)
    )


def sniff(head):
    """The kind of file ``head`` (its first bytes) starts like, or None.

    ``"executable"`` and ``"markup"`` (HTML, SVG, XML) are the kinds never accepted.
    """
    head = bytes(head or b"")
    if head.startswith(EXECUTABLE_SIGNATURES):
        return "executable"
    for kind, signatures in SIGNATURES.items():
        if kind != "ps" and head.startswith(signatures):
            return kind
    if head.startswith(SIGNATURES["ps"]):
        return "ps"
    # A web page or an SVG image may start with a byte-order mark, blanks or a comment.
    text = head[:1024]
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if text.startswith(bom):
            text = text[len(bom) :].decode(codec, "ignore").encode("ascii", "ignore")
            break
    text = text.lstrip().lower()
    if text.startswith(b"<") or any(word in text for word in MARKUP_WORDS):
        return "markup"
    return None


def content_matches(extension, kind):
    """Whether a file with this extension may have this content.

    An extension the policy knows (PDF, TIFF, ...) needs its own leading bytes; another one the
    shop added to its list takes any content but an executable or markup.
    """
    if kind in ("executable", "markup"):
        return False
    expected = EXTENSION_KINDS.get(extension)
    if expected is None:
        return kind != "zip"
    return kind in expected


def zip_problem(fileobj, allowed, max_unpacked):
    """What is wrong with a ZIP archive, as (code, detail), or None when it is fine.

    The central directory's declared sizes are checked first; then every member is read in
    chunks (never whole into memory, never to disk) to count what it really unpacks to, which
    also verifies its CRC. Each member must pass the name and content checks of a single file.
    ``allowed``: the extensions a member may have; ``max_unpacked``: bytes in all.
    """
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError):
        return ("damaged", "")
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > ZIP_MAX_MEMBERS:
            return ("members", str(len(members)))
        if sum(info.file_size for info in members) > max_unpacked:
            return ("unpacked", "")
        total = 0
        for info in members:
            name = info.filename.rsplit("/", 1)[-1]
            if ".." in info.filename.split("/") or info.filename.startswith("/"):
                return ("member_name", info.filename)
            extension = file_extension(name)
            if info.flag_bits & 0x1:
                return ("encrypted", info.filename)
            if (
                not is_plain_name(name)
                or extension in NEVER_EXTENSIONS
                or extension == "zip"
                or extension not in allowed
            ):
                return ("member_type", info.filename)
            try:
                with archive.open(info) as member:
                    head = member.read(HEAD)
                    if not content_matches(extension, sniff(head)):
                        return ("member_content", info.filename)
                    total += len(head)
                    while True:
                        chunk = member.read(CHUNK)
                        if not chunk:
                            break
                        total += len(chunk)
                        if total > max_unpacked:
                            return ("unpacked", "")
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
                # RuntimeError: encrypted; NotImplementedError is a RuntimeError too.
                return ("damaged", info.filename)
            if total > max_unpacked:
                return ("unpacked", "")
    return None


def upload_max_content_length(controller):
    """The largest request an upload route reads (its route's ``max_content_length``).

    Odoo refuses any request over 128 MiB with a bare "413 Request Entity Too Large" before
    the controller runs (``odoo.http``), while a company may take larger files: the limit is
    the largest file any company takes plus a margin, so that a file over the company's
    limit, up to that margin, gets the form's message naming the field. Never below Odoo's
    default.
    """
    from odoo.http import request

    limits = request.env["res.company"].sudo().search([]).mapped("print_artwork_max_mb")
    largest = (max(limits or [0]) + UPLOAD_MARGIN_MB) * MB
    return max(largest, DEFAULT_MAX_CONTENT_LENGTH)


class ResCompany(models.Model):
    _inherit = "res.company"

    print_artwork_extensions = fields.Char(
        "Accepted File Types",
        default=DEFAULT_EXTENSIONS,
        help="File name extensions accepted for artwork and proofs, separated by commas. "
        "HTML, SVG, scripts and programs are never accepted.",
    )
    print_artwork_max_mb = fields.Integer(
        "Largest File (MB)", default=200, help="Uploads larger than this are refused."
    )
    print_artwork_allow_zip = fields.Boolean(
        "Accept ZIP Archives",
        help="Customers and staff may send a ZIP archive of accepted files.",
    )
    print_artwork_zip_max_mb = fields.Integer(
        "Largest Unpacked ZIP (MB)",
        default=1000,
        help="A ZIP archive that unpacks to more than this is refused.",
    )

    def _print_allowed_extensions(self):
        """The extensions the company takes (ZIP only when archives are allowed)."""
        self.ensure_one()
        text = self.print_artwork_extensions or DEFAULT_EXTENSIONS
        allowed = {part.strip().lower().lstrip(".") for part in text.split(",") if part.strip()}
        allowed -= NEVER_EXTENSIONS
        allowed.discard("zip")
        if self.print_artwork_allow_zip:
            allowed.add("zip")
        return allowed

    def _print_check_upload(self, filename, content, what=None):
        """Refuse a file the shop does not take, with a message naming the field ``what``.

        ``content``: the file's bytes, or a seekable binary file (an upload's stream), which is
        only seeked and read at its start (and, for a ZIP archive, member by member in chunks).
        Returns the file's mimetype as its content says.
        """
        self.ensure_one()
        env = self.env
        what = what or env._("File")
        name = filename or ""
        fileobj = io.BytesIO(content) if isinstance(content, bytes | bytearray) else content
        if not is_plain_name(name):
            raise UserError(
                env._("%(what)s: the file name must be a plain name, without a path.", what=what)
            )
        allowed = self._print_allowed_extensions()
        extension = file_extension(name)
        if extension == "zip" and extension not in allowed:
            raise UserError(
                env._(
                    "%(what)s: %(name)s is a ZIP archive; we do not accept archives, send the"
                    " files themselves (%(types)s).",
                    what=what,
                    name=name,
                    types=", ".join(sorted(allowed)).upper(),
                )
            )
        if extension not in allowed:
            raise UserError(
                env._(
                    "%(what)s: %(name)s is not a file type we accept (%(types)s).",
                    what=what,
                    name=name,
                    types=", ".join(sorted(allowed)).upper(),
                )
            )
        fileobj.seek(0, os.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(0)
        if not size:
            raise UserError(env._("%(what)s: the file is empty (%(name)s).", what=what, name=name))
        limit = self.print_artwork_max_mb or 0
        if limit and size > limit * MB:
            raise UserError(
                env._(
                    "%(what)s: %(name)s is larger than %(limit)s MB.",
                    what=what,
                    name=name,
                    limit=limit,
                )
            )
        head = fileobj.read(HEAD)
        fileobj.seek(0)
        kind = sniff(head)
        if kind == "executable":
            raise UserError(
                env._(
                    "%(what)s: %(name)s is a program, not a print file: it is refused.",
                    what=what,
                    name=name,
                )
            )
        if kind == "markup":
            raise UserError(
                env._(
                    "%(what)s: %(name)s is a web page or an SVG image, which we never accept:"
                    " send a PDF.",
                    what=what,
                    name=name,
                )
            )
        if not content_matches(extension, kind):
            raise UserError(
                env._(
                    "%(what)s: %(name)s is not really a %(type)s file: its content does not"
                    " match its name.",
                    what=what,
                    name=name,
                    type=extension.upper(),
                )
            )
        if kind == "zip":
            self._print_check_zip(fileobj, name, what, allowed)
            fileobj.seek(0)
        return MIMETYPES.get(kind) or "application/octet-stream"

    def _print_check_zip(self, fileobj, name, what, allowed):
        env = self.env
        max_unpacked = (self.print_artwork_zip_max_mb or self.print_artwork_max_mb or 1000) * MB
        problem = zip_problem(fileobj, allowed - {"zip"}, max_unpacked)
        if not problem:
            return
        code, detail = problem
        messages = {
            "damaged": env._(
                "%(what)s: %(name)s is not a readable ZIP archive.", what=what, name=name
            ),
            "encrypted": env._(
                "%(what)s: %(name)s holds a password-protected file (%(member)s).",
                what=what,
                name=name,
                member=detail,
            ),
            "members": env._(
                "%(what)s: %(name)s holds %(count)s files; we take at most %(max)s in one archive.",
                what=what,
                name=name,
                count=detail,
                max=ZIP_MAX_MEMBERS,
            ),
            "unpacked": env._(
                "%(what)s: %(name)s unpacks to more than %(limit)s MB.",
                what=what,
                name=name,
                limit=max_unpacked // MB,
            ),
        }
        raise UserError(
            messages.get(code)
            or env._(
                "%(what)s: %(name)s holds %(member)s, which is not a file type we accept"
                " (%(types)s).",
                what=what,
                name=name,
                member=detail,
                types=", ".join(sorted(allowed - {"zip"})).upper(),
            )
        )

    def _print_upload_attachment(
        self, filename, content, what=None, res_model=None, res_id=0, mimetype=None
    ):
        """Check an uploaded file and store it as an attachment of ``res_model``/``res_id``.

        ``content``: bytes or a seekable binary file (werkzeug spools uploads to disk). The file
        is copied in chunks into the filestore while its size is counted (a file that grows
        past the limit is refused), so it is never read whole into memory; its SHA-1 (Odoo's
        checksum) and SHA-256 (what proofs and artwork show) are computed on the way.
        Returns ``(attachment, sha256, size)``; the attachment is created as superuser, the
        callers having checked the caller's access to ``res_model``/``res_id``. ``mimetype``:
        what ``_print_check_upload`` returned for this same content, not to check it twice.
        """
        self.ensure_one()
        mimetype = mimetype or self._print_check_upload(filename, content, what)
        fileobj = io.BytesIO(content) if isinstance(content, bytes | bytearray) else content
        Attachment = self.env["ir.attachment"].sudo().with_context(image_no_postprocess=True)
        values = {"name": filename, "mimetype": mimetype, "res_model": res_model, "res_id": res_id}
        if Attachment._storage() == "db":
            fileobj.seek(0)
            data = fileobj.read()
            attachment = Attachment.create(dict(values, raw=data))
            return attachment, hashlib.sha256(data).hexdigest(), len(data)
        fname, sha1, sha256, size = self._print_write_filestore(fileobj, filename, what)
        attachment = Attachment.create(values)
        # Odoo's create computes these from raw bytes only; the file is already in place.
        self.env.cr.execute(
            "UPDATE ir_attachment SET store_fname = %s, file_size = %s, checksum = %s,"
            " index_content = %s, db_datas = NULL WHERE id = %s",
            [fname, size, sha1, mimetype.split("/")[0], attachment.id],
        )
        attachment.invalidate_recordset(
            ["store_fname", "file_size", "checksum", "index_content", "db_datas", "raw", "datas"]
        )
        return attachment, sha256, size

    def _print_write_filestore(self, fileobj, filename, what):
        """Copy ``fileobj`` in chunks into the filestore; return (fname, sha1, sha256, size)."""
        Attachment = self.env["ir.attachment"]
        filestore = Attachment._filestore()
        os.makedirs(filestore, exist_ok=True)
        limit = (self.print_artwork_max_mb or 0) * MB
        sha1, sha256, size = hashlib.sha1(), hashlib.sha256(), 0
        fileobj.seek(0)
        with tempfile.NamedTemporaryFile(dir=filestore, prefix=".upload-", delete=False) as out:
            try:
                while True:
                    chunk = fileobj.read(CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if limit and size > limit:
                        raise UserError(
                            self.env._(
                                "%(what)s: %(name)s is larger than %(limit)s MB.",
                                what=what or self.env._("File"),
                                name=filename,
                                limit=self.print_artwork_max_mb,
                            )
                        )
                    sha1.update(chunk)
                    sha256.update(chunk)
                    out.write(chunk)
            except BaseException:
                out.close()
                os.unlink(out.name)
                raise
        checksum = sha1.hexdigest()
        fname = f"{checksum[:2]}/{checksum}"
        full_path = Attachment._full_path(fname)
        os.makedirs(os.path.dirname(full_path), exist_ok=True)
        if os.path.exists(full_path):
            os.unlink(out.name)
        else:
            os.replace(out.name, full_path)
            # Collected by Odoo's filestore GC if the transaction is rolled back.
            Attachment._mark_for_gc(fname)
        return fname, checksum, sha256.hexdigest(), size


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    print_artwork_extensions = fields.Char(
        related="company_id.print_artwork_extensions", readonly=False
    )
    print_artwork_max_mb = fields.Integer(related="company_id.print_artwork_max_mb", readonly=False)
    print_artwork_allow_zip = fields.Boolean(
        related="company_id.print_artwork_allow_zip", readonly=False
    )
    print_artwork_zip_max_mb = fields.Integer(
        related="company_id.print_artwork_zip_max_mb", readonly=False
    )
