"""Estimates at shop scale: 40 presses and 200 papers (issue 11, Build 8).

* ``quote.orm.compute_40x200``: ``action_compute`` of a 3-break perfect-bound book (text and
  cover, each on a paper grade stocked in 20 sheet sizes) with 40 presses and 200 papers in the
  company, in ms (target <= 150);
* ``quote.ui.breakdown_40x200``: rendering one break's Details (its ``breakdown_html``), in ms
  (target <= 150).

Each figure is the best of 3 runs, caches warmed by a first run.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402

PRESSES = 40
GRADES = 10
SIZES = 20


def _shop(env):
    from odoo import Command

    company = env.company
    presses = []
    for i in range(PRESSES):
        short = 320 + 15 * i
        presses.append(
            {
                "name": f"Scale press {i}",
                "code": f"SCALE-P{i}",
                "press_type": "digital" if i % 10 == 0 else "offset",
                "max_sheet_width": short,
                "max_sheet_length": round(short * 1.41),
                "min_sheet_width": 200,
                "min_sheet_length": 280,
                "units": 4 + (i % 2) * 2,
                "hourly_rate": 60 + i,
                "plate_cost": 6 + i % 5,
                "makeready_sheets": 40 + i,
                "run_speed": 6000 + 100 * i,
                "spoilage_pct": 2,
            }
        )
    env["print.press"].create(presses)
    papers = []
    for g in range(GRADES):
        for s in range(SIZES):
            short = 330 + 30 * s
            papers.append(
                {
                    "name": f"Scale grade {g} size {s}",
                    "code": f"SCALE-G{g}-S{s}",
                    "grade": f"scale-g{g}",
                    "sheet_width": short,
                    "sheet_length": round(short * 1.4),
                    "gsm": 80 + 20 * g,
                    "price": 900 + 10 * s,
                }
            )
    papers = env["print.substrate"].create(papers)
    for process, basis in (("cut", "cut"), ("fold", "piece"), ("perfect_bind", "copy")):
        env["print.operation"].create(
            {
                "name": f"Scale {process}",
                "code": f"SCALE-{process}",
                "process": process,
                "basis": basis,
                "setup_hours": 0.2,
                "hourly_rate": 40,
                "speed": 2000,
                "sequence": 0,
            }
        )
    partner = env["res.partner"].create({"name": "Scale Customer"})
    text, cover = papers[0], papers[SIZES * 5]

    def make():
        return env["print.estimate"].create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "title": "Scale book",
                "product_kind": "perfect_bound",
                "finished_width": 148,
                "finished_height": 210,
                "part_ids": [
                    Command.create(
                        {
                            "name": "Cover",
                            "role": "cover",
                            "pages": 4,
                            "colours_front": 4,
                            "substrate_id": cover.id,
                            "any_sheet_size": True,
                            "sequence": 1,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Text",
                            "role": "text",
                            "pages": 160,
                            "colours_front": 1,
                            "colours_back": 1,
                            "substrate_id": text.id,
                            "any_sheet_size": True,
                            "sequence": 2,
                        }
                    ),
                ],
                "break_ids": [Command.create({"quantity": q}) for q in (500, 2000, 10000)],
            }
        )

    return make


def _ms(env, fn):
    env.flush_all()
    env.invalidate_all()
    start = time.perf_counter()
    fn()
    env.flush_all()
    return (time.perf_counter() - start) * 1000.0


def main():
    with odoo_env() as env:
        make = _shop(env)
        estimates = [make() for _ in range(4)]
        compute = [_ms(env, estimate.action_compute) for estimate in estimates]
        report("quote.orm.compute_40x200", min(compute[1:]), "ms")
        break_ = estimates[-1].break_ids[1]

        def render():
            break_.invalidate_recordset(["breakdown_html"])
            return break_.breakdown_html

        ui = [_ms(env, render) for _ in range(4)]
        report("quote.ui.breakdown_40x200", min(ui[1:]), "ms")


if __name__ == "__main__":
    main()
