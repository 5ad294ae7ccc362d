# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Public methods are API: each checks its caller's group before doing anything.

Any method without a leading underscore can be called over RPC by whoever may read the
record, so the method itself says who may run it. Server code running as superuser (a
controller after its own check, a cron, data files) passes.
"""

from odoo.exceptions import AccessError

ESTIMATE_USER = "print_crm_quote.group_estimate_user"
ESTIMATE_MANAGER = "print_crm_quote.group_estimate_manager"
SALE_MANAGER = "sales_team.group_sale_manager"


def require_group(target, action, *xmlids):
    """Raise an AccessError naming ``action`` unless the caller is in one of ``xmlids``.

    ``target`` is the recordset the method runs on, or its environment.
    """
    env = getattr(target, "env", target)
    if env.su or any(env.user.has_group(xmlid) for xmlid in xmlids):
        return
    groups = " / ".join(env.ref(xmlid).sudo().full_name for xmlid in xmlids)
    raise AccessError(
        env._(
            "%(action)s: only members of %(groups)s may do this.",
            action=action,
            groups=groups,
        )
    )
