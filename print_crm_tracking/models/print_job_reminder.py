# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, format_datetime

# What the reminder activities need of a job, read with the search itself.
REMINDER_FIELDS = ["name", "title", "due_date", "date_stage", "stage_id", "user_id"]


class PrintJob(models.Model):
    _inherit = "print.job"

    @api.model
    def _cron_send_reminders(self):
        """Hourly: an activity for the jobs due soon, the overdue ones and those over their
        stage's expected time, once each (the ``reminder_*_sent`` flags).

        Each company follows its own settings: Remind Before Due (hours, 0 to turn the
        due-soon reminder off) and its Production Manager.
        """
        now = fields.Datetime.now()
        Job = self.sudo()
        Job.flush_model(["stage_id", "date_stage"])
        self.env["print.job.stage"].flush_model(["expected_hours"])
        for company in self.env["res.company"].sudo().search([]):
            Job._send_company_reminders(company, now)

    @api.model
    def _send_company_reminders(self, company, now):
        manager = company.print_production_manager_id
        open_jobs = [
            ("company_id", "=", company.id),
            ("is_done", "=", False),
            ("is_cancel", "=", False),
        ]
        batches = []  # (jobs, flag, kind)
        hours = company.print_job_reminder_hours
        if hours > 0:
            due_soon = self.search_fetch(
                [
                    *open_jobs,
                    ("reminder_due_sent", "=", False),
                    ("due_date", ">", now),
                    ("due_date", "<=", now + timedelta(hours=hours)),
                ],
                REMINDER_FIELDS,
                order="id",
            )
            batches.append((due_soon, "reminder_due_sent", "due"))
        overdue = self.search_fetch(
            [*open_jobs, ("reminder_overdue_sent", "=", False), ("due_date", "<=", now)],
            REMINDER_FIELDS,
            order="id",
        )
        batches.append((overdue, "reminder_overdue_sent", "overdue"))
        batches.append((self._over_stage_time(open_jobs, now), "reminder_stage_sent", "stage"))

        values, flagged = [], []
        common = {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
        }
        for jobs, flag, kind in batches:
            sent = []
            for job in jobs:
                if kind == "overdue":
                    recipient = self._reminder_recipient(manager, job.user_id)
                else:
                    recipient = self._reminder_recipient(job.user_id, manager)
                if not recipient:
                    continue  # nobody to tell yet: reminded once somebody is set
                values.append(dict(common, **job._reminder_activity_values(kind, recipient, now)))
                sent.append(job.id)
            flagged.append((self.browse(sent), flag))
        if values:
            self.env["mail.activity"].sudo().with_context(
                # One e-mail per reminder would flood the inboxes: the activities show in
                # the users' activity menu, as core's contract reminders do.
                mail_activity_quick_update=True
            ).create(values)
        for sent, flag in flagged:
            if sent:
                sent.write({flag: True})
        return len(values)

    @api.model
    def _over_stage_time(self, open_jobs, now):
        """The open jobs of the ``open_jobs`` domain in their stage for longer than its
        expected duration, not flagged yet: one query joining the stage."""
        query = self._search(
            [*open_jobs, ("reminder_stage_sent", "=", False), ("date_stage", "!=", False)],
            order="id",
        )
        stage = query.join(self._table, "stage_id", "print_job_stage", "id", "stage_id")
        query.add_where(
            SQL(
                "%(hours)s > 0 AND %(since)s + %(hours)s * INTERVAL '1 hour' < %(now)s",
                hours=SQL.identifier(stage, "expected_hours"),
                since=SQL.identifier(self._table, "date_stage"),
                now=now,
            )
        )
        jobs = self.browse(query)
        jobs.fetch(REMINDER_FIELDS)
        return jobs

    @api.model
    def _reminder_recipient(self, *users):
        """The first of ``users`` who is set and active."""
        return next((user for user in users if user and user.active), None)

    def _reminder_activity_values(self, kind, user, now):
        """The values of the To-Do of this job's ``kind`` of reminder for ``user``, in the
        user's language and time zone (the model and activity type aside)."""
        self.ensure_one()
        env = self.with_context(lang=user.lang or "en_US").env
        job = self.with_env(env)
        tz = user.tz or "UTC"
        stage = job.stage_id.name
        due = format_datetime(env, job.due_date, tz=tz, dt_format="short")
        deadline = _local_date(now, tz)
        if kind == "due":
            summary = env._("Due soon: %(job)s", job=job.name)
            note = env._(
                "%(title)s is due on %(due)s and is in %(stage)s.",
                title=job.title,
                due=due,
                stage=stage,
            )
            deadline = _local_date(job.due_date, tz)
        elif kind == "overdue":
            summary = env._("Overdue: %(job)s", job=job.name)
            note = env._(
                "%(title)s was due on %(due)s and is still in %(stage)s (responsible: "
                "%(user)s).",
                title=job.title,
                due=due,
                stage=stage,
                user=job.user_id.name or env._("nobody"),
            )
        else:
            expected = "%g" % job.stage_id.expected_hours
            summary = env._("Over stage time: %(job)s", job=job.name)
            note = env._(
                "%(title)s has been in %(stage)s since %(since)s; %(hours)s hours are "
                "expected there.",
                title=job.title,
                stage=stage,
                since=format_datetime(env, job.date_stage, tz=tz, dt_format="short"),
                hours=expected,
            )
        return {
            "res_id": self.id,
            "summary": summary,
            "note": Markup("<p>%s</p>") % note,
            "user_id": user.id,
            "date_deadline": deadline,
        }


def _local_date(value, tz):
    """The date of the UTC datetime ``value`` in the time zone ``tz``."""
    try:
        zone = pytz.timezone(tz)
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    return pytz.utc.localize(value).astimezone(zone).date()
