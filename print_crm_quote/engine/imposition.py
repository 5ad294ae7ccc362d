"""Imposition: how many pieces or signature pages fit on a press sheet.

Geometry conventions (all mm):

* A press sheet is ``(short, long)`` and is fed long edge first, so the printable area is
  ``long - 2 * side_margin`` along the gripper edge by ``short - gripper - tail`` across.
* A *cell* is what one unit needs on the sheet: a piece plus its bleed on every trimmed edge,
  or one page of a signature plus bleed on its head, foot and face (and, for perfect binding,
  the milling allowance on its spine edge). Cells of one layout all have the same orientation
  (no mixed layouts); both orientations are tried. Between pieces (or signature blocks) lies the
  ``gutter``.
* Grain: the sheet's grain runs along its long side (``grain_long``) or its short side. A spec
  may require the grain parallel to the unit's height (the spine or folds) or width; a layout
  whose orientation breaks that requirement is not used.
* Work-and-turn turns the sheet side to side, so the gripper edge stays: the layout must be
  symmetric about the centre line across the gripper edge, which needs an even number of units
  along the long side. Such a sheet then yields as many units as a sheetwise one of the same
  layout, from one set of plates.
"""

_EPS = 1e-9

#: Pages per signature -> page cells (across, down) on each side of its sheet.
SIGNATURE_GRIDS = ((32, 4, 4), (16, 4, 2), (8, 2, 2), (4, 2, 1))


def count(avail, size, gap):
    """How many ``size`` fit in ``avail`` with ``gap`` between neighbours."""
    return int((avail + gap + _EPS) // (size + gap))


def grid(cw, ch, L, S, gap, grain_long, need):
    """Best grid of ``cw`` x ``ch`` cells (cell width x height) on an ``L`` x ``S`` printable area.

    Returns ``(n, nx, ny, n_wt, nx_wt, ny_wt, n_any)``: the most cells ``n`` = ``nx`` (along L) x
    ``ny`` (along S) in an orientation the grain requirement ``need`` allows, the most cells
    ``n_wt`` in a layout fit for work-and-turn (even ``nx_wt``), and ``n_any`` the most cells
    ignoring grain (to tell a size problem from a grain problem).
    """
    # Orientation A: cell width along L, height along S; B: rotated. Inlined count().
    Lg, Sg = L + gap + _EPS, S + gap + _EPS
    wg, hg = cw + gap, ch + gap
    ax, ay = int(Lg // wg), int(Sg // hg)
    bx, by = int(Lg // hg), int(Sg // wg)
    na, nb = ax * ay, bx * by
    if need is None:
        ok_a = ok_b = True
    elif need == "height":  # grain parallel to the cell height
        ok_a, ok_b = not grain_long, grain_long
    else:
        ok_a, ok_b = grain_long, not grain_long
    n = nx = ny = n_wt = nx_wt = ny_wt = 0
    if ok_a:
        n, nx, ny = na, ax, ay
        w = ax - (ax & 1)
        n_wt, nx_wt, ny_wt = w * ay, w, ay
    if ok_b:
        if nb > n:
            n, nx, ny = nb, bx, by
        w = bx - (bx & 1)
        if w * by > n_wt:
            n_wt, nx_wt, ny_wt = w * by, w, by
    return n, nx, ny, n_wt, nx_wt, ny_wt, (na if na > nb else nb)


def signature_layouts(cw, ch, L, S, gap, grain_long, need):
    """Signature layouts worth costing for page cells ``cw`` x ``ch``.

    Tries signatures of 32, 16, 8 and 4 pages (4x4, 4x2, 2x2 and 2x1 page cells a side, page
    heights parallel), each as many times as it fits on the sheet. A smaller signature is only
    kept when it puts more pages on a sheet than every larger one (fewer sheets, but more
    signatures to fold; the costing decides). Returns ``(layouts, any_pages)``: layouts as
    ``(pages, blocks, nx, ny)``, largest signature first, and the most pages a sheet would
    hold ignoring the grain requirement (0 when not even a 4-page spread fits).
    """
    layouts = []
    best = best_any = 0
    for pages, across, down in SIGNATURE_GRIDS:
        k, nx, ny, _w, _x, _y, k_any = grid(across * cw, down * ch, L, S, gap, grain_long, need)
        if k * pages > best:
            best = k * pages
            layouts.append((pages, k, nx, ny))
        if k_any * pages > best_any:
            best_any = k_any * pages
    return layouts, best_any


def cuts_for(nx, ny, separated):
    """Guillotine strokes to cut an ``nx`` x ``ny`` grid of units out of one sheet (stack).

    With bleed or a gutter (``separated``) every unit edge is its own cut, so a row of n units
    needs 2n cuts, else n + 1. Cut the sheet into strips one way (E(nx) cuts) and then every
    strip (nx x E(ny)), or the other way round, whichever is fewer.
    """
    if separated:
        ex, ey = 2 * nx, 2 * ny
    else:
        ex, ey = nx + 1, ny + 1
    return min(ex + nx * ey, ey + ny * ex)
