"""Named paper sizes and 开 (kai) cuts of parent sheets.

Every size is a ``(short, long)`` tuple in millimetres.

* ISO 216 A and B series (A0-A10, B0-B10), ISO 217 RA and SRA series (RA0-RA4, SRA0-SRA4);
* common trade sheet sizes named ``"<short>x<long>"`` (``"700x1000"``, ``"720x1020"``, ...);
* Chinese parent sheets 正度 (787x1092) and 大度 (889x1194), also ``"zhengdu"`` and ``"dadu"``,
  and their 开 cuts ``正度对开``/``正度2开``, ``正度4开`` ... ``正度64开`` (same for 大度, ASCII
  aliases ``"zhengdu-16k"``, ``"dadu-8k"``), computed by :func:`cut`;
* the usual finished book formats ``正度16开成品`` (185x260), ``大度16开成品`` (210x285),
  ``正度32开成品`` (130x184) and ``大度32开成品`` (140x203), and business cards
  (``"business card"`` 85x55, ``"名片"`` 90x54).

An *n开 cut* halves the long side of the parent sheet repeatedly (log2 n times) and floors the
result to whole millimetres, with no trim allowance unless ``trim`` is given: 大度 889x1194 cut
16开 gives 222x298, sixteen of them per parent sheet. The named 开 sizes are these raw cut sheets
(what goes on the press), not the trimmed finished formats, which have their own ``成品`` names.

A name is a key, not what a reader reads: :func:`describe` says what a size is as a
:class:`~.words.Phrase`, which the addon renders in the reader's language (Chinese readers read
the trade name 正度16开成品, English readers "1/16 standard sheet, trimmed").
"""

import math
from typing import NamedTuple

from .words import Phrase


class Cut(NamedTuple):
    """Result of :func:`cut`: the cut sheet ``size`` (short, long) and ``count`` per parent."""

    size: tuple[float, float]
    count: int


def normalize(size):
    """Return ``size`` (a name or a ``(w, h)`` pair) as a ``(short, long)`` tuple of floats."""
    if isinstance(size, str):
        return get(size)
    w, h = size
    w, h = float(w), float(h)
    return (w, h) if w <= h else (h, w)


def _halvings(n):
    if not isinstance(n, int) or isinstance(n, bool) or n < 1 or n & (n - 1):
        raise ValueError(f"a 开 cut must be a power of two (1, 2, 4, 8, ...), not {n!r}")
    return n.bit_length() - 1


def _cut_axes(parent, n, trim):
    """Cut ``parent`` (w, h) into n; return ([w, h] exact, index of the axis that was h)."""
    dims = [float(parent[0]) - 2 * trim, float(parent[1]) - 2 * trim]
    if dims[0] <= 0 or dims[1] <= 0:
        raise ValueError(f"trim {trim} mm leaves nothing of a {parent[0]}x{parent[1]} sheet")
    for _i in range(_halvings(n)):
        longer = 1 if dims[1] >= dims[0] else 0
        dims[longer] /= 2
    return dims


def cut(parent, n, trim=0.0):
    """Cut a parent sheet into ``n`` equal press sheets (开数) by halving its long side.

    ``parent`` is a size name or a ``(w, h)`` pair; ``n`` a power of two (1 = the uncut parent,
    2 = 对开, 4 = 4开, ...). ``trim`` (mm, default 0) is first taken off every edge of the parent.
    Each dimension of the result is floored to a whole millimetre (the guillotine leaves the
    fraction as waste). Returns ``Cut(size=(short, long), count=n)``.

    >>> cut("大度", 16)
    Cut(size=(222.0, 298.0), count=16)
    """
    w, h = normalize(parent)
    dims = _cut_axes((w, h), n, trim)
    a, b = (math.floor(d + 1e-9) for d in dims)
    return Cut((float(min(a, b)), float(max(a, b))), n)


def cut_grain(parent, n, grain):
    """Grain of an ``n``-开 cut of ``parent`` whose grain is ``grain`` ("long" or "short").

    Grain runs along one axis of the parent and stays on that axis when the sheet is cut; the
    answer says whether it now runs along the cut sheet's long side ("long") or short side.
    """
    w, h = normalize(parent)
    dims = _cut_axes((w, h), n, 0.0)
    grain_axis = 1 if grain == "long" else 0
    long_axis = 1 if dims[1] >= dims[0] else 0
    return "long" if grain_axis == long_axis else "short"


def get(name):
    """The ``(short, long)`` size called ``name``; raise KeyError naming the unknown size."""
    try:
        return SIZES[name]
    except KeyError:
        raise KeyError(f"unknown paper size {name!r}") from None


def _iso(first, count, prefix):
    out = {}
    short, long_ = first
    for i in range(count + 1):
        out[f"{prefix}{i}"] = (float(short), float(long_))
        short, long_ = math.floor(long_ / 2), short
    return out


SIZES = {}
SIZES.update(_iso((841, 1189), 10, "A"))
SIZES.update(_iso((1000, 1414), 10, "B"))
SIZES.update(
    {"RA0": (860, 1220), "RA1": (610, 860), "RA2": (430, 610), "RA3": (305, 430), "RA4": (215, 305)}
)
SIZES.update(
    {
        "SRA0": (900, 1280),
        "SRA1": (640, 900),
        "SRA2": (450, 640),
        "SRA3": (320, 450),
        "SRA4": (225, 320),
        "SRA3+": (330, 487),
    }
)
for _short, _long in [(700, 1000), (720, 1020), (640, 900), (500, 700), (520, 720), (610, 860)]:
    SIZES[f"{_short}x{_long}"] = (_short, _long)
SIZES = {k: (float(v[0]), float(v[1])) for k, v in SIZES.items()}

#: Chinese parent sheets: 正度 (zhengdu, "standard") and 大度 (dadu, "large").
CHINESE_PARENTS = {"正度": (787.0, 1092.0), "大度": (889.0, 1194.0)}
_PINYIN = {"正度": "zhengdu", "大度": "dadu"}
for _name, _size in CHINESE_PARENTS.items():
    SIZES[_name] = _size
    SIZES[_name + "全开"] = _size
    SIZES[_PINYIN[_name]] = _size
    for _n in (2, 4, 8, 16, 32, 64):
        _sheet = cut(_size, _n).size
        SIZES[f"{_name}{_n}开"] = _sheet
        SIZES[f"{_PINYIN[_name]}-{_n}k"] = _sheet
    SIZES[_name + "对开"] = SIZES[f"{_name}2开"]
SIZES.update(
    {
        "正度16开成品": (185.0, 260.0),
        "大度16开成品": (210.0, 285.0),
        "正度32开成品": (130.0, 184.0),
        "大度32开成品": (140.0, 203.0),
        "business card": (55.0, 85.0),
        "名片": (54.0, 90.0),
    }
)

#: What each name means (see :func:`describe`): the 开 sizes by their parent and cut, the
#: business cards by their standard; every other name reads the same in any language.
DESCRIPTIONS = {}
for _name, _pinyin in _PINYIN.items():
    for _alias in (_name, _name + "全开", _pinyin):
        DESCRIPTIONS[_alias] = Phrase("kai", {"parent": _pinyin, "n": 1, "finished": False})
    for _n in (2, 4, 8, 16, 32, 64):
        _cut = Phrase("kai", {"parent": _pinyin, "n": _n, "finished": False})
        DESCRIPTIONS[f"{_name}{_n}开"] = DESCRIPTIONS[f"{_pinyin}-{_n}k"] = _cut
    DESCRIPTIONS[_name + "对开"] = DESCRIPTIONS[f"{_name}2开"]
    for _n in (16, 32):
        DESCRIPTIONS[f"{_name}{_n}开成品"] = Phrase(
            "kai", {"parent": _pinyin, "n": _n, "finished": True}
        )
DESCRIPTIONS["business card"] = Phrase("card", {"standard": "international"})
DESCRIPTIONS["名片"] = Phrase("card", {"standard": "chinese"})


def describe(name):
    """What the size called ``name`` is, for a reader in any language, as a Phrase:

    * ``kai`` {``parent``: "zhengdu" (正度) or "dadu" (大度), ``n``: the 开 cut (1 = the
      whole parent sheet), ``finished``: the trimmed book format (成品) of that cut};
    * ``card`` {``standard``: "chinese" (名片 90x54) or "international" (85x55)};
    * ``named`` {``name``}: ISO, RA/SRA and trade sizes (A4, SRA3, 700x1000), read as they are.
    """
    get(name)  # an unknown name is a KeyError here too
    return DESCRIPTIONS.get(name) or Phrase("named", {"name": name})
