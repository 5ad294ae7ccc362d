# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Files that every upload route of the suite must refuse or take (the upload policy)."""

import io
import struct
import zipfile

from PIL import Image

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n%%EOF\n"
PSD = b"8BPS\x00\x01" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(1)</script></svg>"
)


def image(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 90)).save(buffer, format=fmt)
    return buffer.getvalue()


def zip_of(*members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(mb=40):
    """A ZIP of ``mb`` MB of zeros: a few tens of KB that unpack to ``mb`` MB."""
    return zip_of(("artwork.pdf", b"%PDF-1.4\n" + b"\x00" * (mb * 1024 * 1024)))


def lying_zip():
    """A ZIP whose member declares 1 KB but unpacks to 8 MB (its headers were edited)."""
    data = bytearray(zip_of(("artwork.pdf", b"%PDF-1.4\n" + b"\x00" * (8 * 1024 * 1024))))
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, 1024)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 1024)
    return bytes(data)


# (file name, content, what the message says) refused by every upload route.
REFUSED = [
    ("invoice.pdf", EXE, "is a program"),
    ("x.pdf.exe", EXE, "not a file type we accept"),
    ("artwork.pdf", ELF, "is a program"),
    ("page.pdf", HTML, "web page or an SVG"),
    ("page.html", HTML, "not a file type we accept"),
    ("logo.svg", SVG, "not a file type we accept"),
    ("logo.png", SVG, "web page or an SVG"),
    ("notes.docx", zip_of(("word/document.xml", b"<w/>")), "not a file type we accept"),
    ("photo.jpg", PDF, "not really a JPG file"),
]


def accepted():
    """(file name, content, mimetype) of files every upload route takes."""
    return [
        ("artwork.pdf", PDF, "application/pdf"),
        ("cover.png", image("PNG"), "image/png"),
        ("photo.jpg", image("JPEG"), "image/jpeg"),
        ("scan.tif", image("TIFF"), "image/tiff"),
        ("logo.eps", EPS, "application/postscript"),
        ("logo.ai", PDF, "application/pdf"),
        ("layers.psd", PSD, "image/vnd.adobe.photoshop"),
    ]
