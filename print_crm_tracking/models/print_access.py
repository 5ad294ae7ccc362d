# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The groups of production tracking for ``require_group`` (see print_crm_quote)."""

from odoo.addons.print_crm_quote.models.print_access import (  # noqa: F401 - re-exported
    ESTIMATE_USER,
    require_group,
)

JOB_USER = "print_crm_tracking.group_job_user"
JOB_MANAGER = "print_crm_tracking.group_job_manager"
# Who reads production jobs (and their proofs): production staff and estimators.
JOB_READERS = (JOB_USER, ESTIMATE_USER)
