"""Moving one production job to its next stage, as a production user scanning its ticket.

`bench tracking.stage_move <n> queries` (target at most 15): the SQL queries of
`action_next_stage()` and the flush that writes it, for a job moving from Quality check to
Packed (a stage the customer does not see, so no e-mail), once the caches are warm (another
job made the same move first) and with the job not yet read, as on the scan page.
`bench tracking.stage_move_tracking <n> queries`: what the commit adds (the chatter's
tracking of the stage). `PRINT_CRM_BENCH_SQL=1` also prints every query.
"""

import os
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402


def main():
    import logging

    from odoo import Command, fields

    with odoo_env() as env:
        import odoo.sql_db

        user = env["res.users"].create(
            {
                "name": "Bench Floor",
                "login": "bench-stage-move",
                "groups_id": [Command.set(env.ref("print_crm_tracking.group_job_user").ids)],
            }
        )
        partner = env["res.partner"].create({"name": "Bench Stage Move Ltd", "is_company": True})
        quality = env.ref("print_crm_tracking.stage_quality")
        packed = env.ref("print_crm_tracking.stage_packed")
        jobs = env["print.job"].create(
            [
                {
                    "title": f"Bench job {i}",
                    "partner_id": partner.id,
                    "due_date": fields.Datetime.now() + timedelta(days=3),
                    "user_id": user.id,
                }
                for i in range(2)
            ]
        )
        jobs.write({"stage_id": quality.id})
        env.cr.precommit.run()
        env.flush_all()
        warm, job = jobs.with_user(user)
        # Each job is read afresh, as on a request; the first move warms the caches.
        env.invalidate_all()
        warm.action_next_stage()
        env.flush_all()
        env.cr.precommit.run()
        env.flush_all()
        env.invalidate_all()

        trace = os.environ.get("PRINT_CRM_BENCH_SQL")
        if trace:
            handler = logging.StreamHandler(sys.stdout)
            handler.setFormatter(logging.Formatter("-- %(message)s"))
            odoo.sql_db._logger.addHandler(handler)
            odoo.sql_db._logger.propagate = False
            odoo.sql_db._logger.setLevel(logging.DEBUG)
        before = odoo.sql_db.sql_counter
        start = time.perf_counter()
        job.action_next_stage()
        env.flush_all()
        elapsed = time.perf_counter() - start
        count = odoo.sql_db.sql_counter - before
        # What the request's commit adds: the chatter's tracking of the stage change.
        before = odoo.sql_db.sql_counter
        env.cr.precommit.run()
        env.flush_all()
        tracking = odoo.sql_db.sql_counter - before
        if trace:
            odoo.sql_db._logger.setLevel(logging.INFO)
            odoo.sql_db._logger.removeHandler(handler)
            odoo.sql_db._logger.propagate = True
        assert job.stage_id == packed, job.stage_id
        assert job.message_ids[:1].tracking_value_ids, "the move is tracked in the chatter"
        report("tracking.stage_move", count, "queries")
        report("tracking.stage_move_time", elapsed * 1000, "ms")
        report("tracking.stage_move_tracking", tracking, "queries")


if __name__ == "__main__":
    main()
